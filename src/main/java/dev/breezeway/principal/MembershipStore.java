package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.ACCOUNT;
import static dev.breezeway.db.gen.Tables.GROUP_MEMBER;
import static dev.breezeway.db.gen.Tables.POLICY;
import static dev.breezeway.db.gen.Tables.POLICY_MEMBER;

import java.util.List;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The only writer of memberships: users and groups in groups (nested), and users in policies, e.g.
 * principal 1000009 in group 1000010.
 */
public final class MembershipStore {
    private final DSLContext db;

    public MembershipStore(DSLContext db) {
        this.db = db;
    }

    /** Adds {@code memberId} to {@code groupId}; adding an existing member changes nothing. */
    public void addMember(DSLContext tx, long groupId, long memberId) {
        tx.insertInto(GROUP_MEMBER)
                .set(GROUP_MEMBER.GROUP_ID, groupId)
                .set(GROUP_MEMBER.MEMBER_ID, memberId)
                .onDuplicateKeyIgnore()
                .execute();
    }

    public void removeMember(DSLContext tx, long groupId, long memberId) {
        tx.deleteFrom(GROUP_MEMBER)
                .where(GROUP_MEMBER.GROUP_ID.eq(groupId).and(GROUP_MEMBER.MEMBER_ID.eq(memberId)))
                .execute();
    }

    /** True if {@code candidateId} is {@code containerId} or lies inside it through nested membership. */
    public boolean contains(DSLContext tx, long containerId, long candidateId) {
        if (containerId == candidateId) {
            return true;
        }
        var descendants = DSL.name("descendants");
        var id = DSL.field(DSL.name("descendants", "id"), SQLDataType.BIGINT);
        CommonTableExpression<Record1<Long>> cte = descendants.fields("id").as(
                DSL.select(GROUP_MEMBER.MEMBER_ID).from(GROUP_MEMBER).where(GROUP_MEMBER.GROUP_ID.eq(containerId))
                        .union(DSL.select(GROUP_MEMBER.MEMBER_ID).from(GROUP_MEMBER)
                                .join(DSL.table(descendants)).on(GROUP_MEMBER.GROUP_ID.eq(id))));
        return tx.withRecursive(cte)
                .selectOne().from(DSL.table(descendants))
                .where(id.eq(candidateId))
                .limit(1)
                .fetchOptional()
                .isPresent();
    }

    /** Serializes changes that nest groups in one account, so two of them cannot build a cycle together. */
    public void lockAccount(DSLContext tx, long accountId) {
        tx.select(ACCOUNT.ACCOUNT_ID).from(ACCOUNT).where(ACCOUNT.ACCOUNT_ID.eq(accountId)).forUpdate().fetch();
    }

    /** Whether the account has the policy. */
    boolean policyExists(DSLContext tx, long accountId, long policyId) {
        return tx.fetchExists(POLICY, POLICY.POLICY_ID.eq(policyId).and(POLICY.ACCOUNT_ID.eq(accountId)));
    }

    /** Creates a policy (idempotent by name) and returns its id. */
    long policy(DSLContext tx, long accountId, String name) {
        tx.insertInto(POLICY).set(POLICY.ACCOUNT_ID, accountId).set(POLICY.NAME, name).onDuplicateKeyIgnore().execute();
        return tx.select(POLICY.POLICY_ID).from(POLICY).where(POLICY.ACCOUNT_ID.eq(accountId).and(POLICY.NAME.eq(name)))
                .fetchSingle(Record1::value1);
    }

    void setPolicyMember(DSLContext tx, long policyId, long principalId, boolean member) {
        if (member) {
            tx.insertInto(POLICY_MEMBER).set(POLICY_MEMBER.POLICY_ID, policyId).set(POLICY_MEMBER.PRINCIPAL_ID, principalId)
                    .onDuplicateKeyIgnore().execute();
        } else {
            tx.deleteFrom(POLICY_MEMBER)
                    .where(POLICY_MEMBER.POLICY_ID.eq(policyId).and(POLICY_MEMBER.PRINCIPAL_ID.eq(principalId))).execute();
        }
    }

    /** The principal leaves every group and policy; policies assigned only to it are deleted. */
    void leaveAll(DSLContext tx, long principalId) {
        tx.deleteFrom(GROUP_MEMBER).where(GROUP_MEMBER.MEMBER_ID.eq(principalId)).execute();
        var other = POLICY_MEMBER.as("o");
        List<Long> onlyTheirs = tx.select(POLICY_MEMBER.POLICY_ID).from(POLICY_MEMBER)
                .where(POLICY_MEMBER.PRINCIPAL_ID.eq(principalId))
                .and(DSL.notExists(DSL.selectOne().from(other)
                        .where(other.POLICY_ID.eq(POLICY_MEMBER.POLICY_ID).and(other.PRINCIPAL_ID.ne(principalId)))))
                .fetch(Record1::value1);
        if (!onlyTheirs.isEmpty()) {
            tx.deleteFrom(POLICY).where(POLICY.POLICY_ID.in(onlyTheirs)).execute();
        }
        tx.deleteFrom(POLICY_MEMBER).where(POLICY_MEMBER.PRINCIPAL_ID.eq(principalId)).execute();
    }
}
