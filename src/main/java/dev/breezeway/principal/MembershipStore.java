package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.ACCOUNT;
import static dev.breezeway.db.gen.Tables.GROUP_MEMBER;
import static dev.breezeway.db.gen.Tables.POLICY;
import static dev.breezeway.db.gen.Tables.POLICY_MEMBER;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/**
 * The only writer of memberships: users and groups in groups (nested), and users in policies, e.g.
 * principal 1000009 in group 1000010.
 */
public final class MembershipStore {
    private final DSLContext db;

    public MembershipStore(DSLContext db) {
        this.db = db;
    }

    /** Adds {@code memberId} to {@code groupId}; adding an existing member changes nothing (false). */
    public boolean addMember(DSLContext tx, long groupId, long memberId) {
        return tx.insertInto(GROUP_MEMBER)
                .set(GROUP_MEMBER.GROUP_ID, groupId)
                .set(GROUP_MEMBER.MEMBER_ID, memberId)
                .onDuplicateKeyIgnore()
                .execute() > 0;
    }

    /** Removes {@code memberId} from {@code groupId}; false if it was no member. */
    public boolean removeMember(DSLContext tx, long groupId, long memberId) {
        return tx.deleteFrom(GROUP_MEMBER)
                .where(GROUP_MEMBER.GROUP_ID.eq(groupId).and(GROUP_MEMBER.MEMBER_ID.eq(memberId)))
                .execute() > 0;
    }

    /**
     * True if {@code candidateId} is {@code containerId} or lies inside it through nested membership. Every
     * level is a locking read ({@code LOCK IN SHARE MODE}), which sees the latest committed memberships: a
     * plain read would answer from the transaction's snapshot, taken before the account lock when a batch
     * read something first, and miss the nesting a concurrent change has just committed.
     */
    public boolean contains(DSLContext tx, long containerId, long candidateId) {
        Set<Long> seen = new HashSet<>(List.of(containerId));
        Set<Long> frontier = Set.of(containerId);
        while (!frontier.isEmpty()) {
            if (frontier.contains(candidateId)) {
                return true;
            }
            List<Long> next = tx.selectDistinct(GROUP_MEMBER.MEMBER_ID).from(GROUP_MEMBER)
                    .where(GROUP_MEMBER.GROUP_ID.in(frontier))
                    .forShare()
                    .fetch(Record1::value1);
            Set<Long> fresh = new HashSet<>();
            for (Long id : next) {
                if (seen.add(id)) {
                    fresh.add(id);
                }
            }
            frontier = fresh;
        }
        return false;
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
