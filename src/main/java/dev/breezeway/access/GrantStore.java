package dev.breezeway.access;

import static dev.breezeway.db.gen.Tables.ACCOUNT;
import static dev.breezeway.db.gen.Tables.GROUP_MEMBER;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ACL;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ATTRIBUTE;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ROLE;
import static dev.breezeway.db.gen.Tables.ROLE;
import static dev.breezeway.db.gen.Tables.ROLE_PERMISSION;

import dev.breezeway.principal.PrincipalType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Reads what a principal holds: its memberships in {@code admins}, rank, roles' permissions, ACL and attributes. */
final class GrantStore {
    private final DSLContext db;

    GrantStore(DSLContext db) {
        this.db = db;
    }

    /** The principal's type and rank, if it is a live principal. */
    record Standing(PrincipalType type, String rank, long accountId) {
    }

    Optional<Standing> standing(long principalId) {
        return db.select(PRINCIPAL.TYPE, PRINCIPAL.USER_RANK, PRINCIPAL.ACCOUNT_ID).from(PRINCIPAL)
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId))
                .fetchOptional(r -> new Standing(PrincipalType.fromWire(r.value1()).orElse(PrincipalType.USER),
                        r.value2(), r.value3()));
    }

    /** True if the principal belongs, directly or through nested groups, to the account's {@code admins}. */
    boolean inAdmins(long principalId) {
        var ancestors = DSL.name("ancestors");
        var id = DSL.field(DSL.name("ancestors", "id"), SQLDataType.BIGINT);
        CommonTableExpression<Record1<Long>> cte = ancestors.fields("id").as(
                DSL.select(GROUP_MEMBER.GROUP_ID).from(GROUP_MEMBER).where(GROUP_MEMBER.MEMBER_ID.eq(principalId))
                        .union(DSL.select(GROUP_MEMBER.GROUP_ID).from(GROUP_MEMBER)
                                .join(DSL.table(ancestors)).on(GROUP_MEMBER.MEMBER_ID.eq(id))));
        return db.withRecursive(cte).selectOne().from(DSL.table(ancestors))
                .join(PRINCIPAL).on(PRINCIPAL.PRINCIPAL_ID.eq(id))
                .where(PRINCIPAL.TYPE.eq(PrincipalType.ADMINS.wire())).limit(1).fetchOptional().isPresent();
    }

    /**
     * The live users (not deleted, not suspended) of the account who are members of {@code admins},
     * directly or through nested groups.
     */
    List<Long> liveAdmins(DSLContext tx, long accountId) {
        var members = DSL.name("members");
        var id = DSL.field(DSL.name("members", "id"), SQLDataType.BIGINT);
        var admins = PRINCIPAL.as("a");
        CommonTableExpression<Record1<Long>> cte = members.fields("id").as(
                DSL.select(GROUP_MEMBER.MEMBER_ID).from(GROUP_MEMBER).join(admins)
                        .on(admins.PRINCIPAL_ID.eq(GROUP_MEMBER.GROUP_ID))
                        .where(admins.ACCOUNT_ID.eq(accountId).and(admins.TYPE.eq(PrincipalType.ADMINS.wire())))
                        .union(DSL.select(GROUP_MEMBER.MEMBER_ID).from(GROUP_MEMBER)
                                .join(DSL.table(members)).on(GROUP_MEMBER.GROUP_ID.eq(id))));
        return tx.withRecursive(cte).selectDistinct(PRINCIPAL.PRINCIPAL_ID).from(DSL.table(members))
                .join(PRINCIPAL).on(PRINCIPAL.PRINCIPAL_ID.eq(id))
                .where(PRINCIPAL.TYPE.in(PrincipalType.USER.wire(), PrincipalType.EXTERNAL_USER.wire())
                        .and(PRINCIPAL.DELETED_AT.isNull()).and(PRINCIPAL.SUSPENDED_AT.isNull()))
                .fetch(Record1::value1);
    }

    /** Serializes changes that could remove an account's last administrator. */
    void lockAccount(DSLContext tx, long accountId) {
        tx.select(ACCOUNT.ACCOUNT_ID).from(ACCOUNT).where(ACCOUNT.ACCOUNT_ID.eq(accountId)).forUpdate().fetch();
    }

    /** The principal's own ACL entries and the permissions of its roles defined in its account. */
    List<Grant> entries(long principalId, long accountId) {
        List<Grant> out = new ArrayList<>();
        db.select(PRINCIPAL_ACL.RESOURCE, PRINCIPAL_ACL.PERMISSION).from(PRINCIPAL_ACL)
                .where(PRINCIPAL_ACL.PRINCIPAL_ID.eq(principalId))
                .forEach(r -> out.add(new Grant(r.value1(), r.value2())));
        db.selectDistinct(ROLE_PERMISSION.PERMISSION).from(PRINCIPAL_ROLE)
                .join(ROLE).on(ROLE.NAME.eq(PRINCIPAL_ROLE.ROLE).and(ROLE.ACCOUNT_ID.eq(accountId)))
                .join(ROLE_PERMISSION).on(ROLE_PERMISSION.ROLE_ID.eq(ROLE.ROLE_ID))
                .where(PRINCIPAL_ROLE.PRINCIPAL_ID.eq(principalId))
                .forEach(r -> Grant.parse(r.value1()).ifPresent(out::add));
        return out;
    }

    /** The permissions that holding {@code roles} confers in the account (names without a definition confer none). */
    List<Grant> permissionsOfRoles(long accountId, Collection<String> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        return db.selectDistinct(ROLE_PERMISSION.PERMISSION).from(ROLE)
                .join(ROLE_PERMISSION).on(ROLE_PERMISSION.ROLE_ID.eq(ROLE.ROLE_ID))
                .where(ROLE.ACCOUNT_ID.eq(accountId).and(ROLE.NAME.in(roles)))
                .fetch(r -> Grant.parse(r.value1()).orElse(null)).stream().filter(g -> g != null).toList();
    }

    Map<String, List<String>> attributes(long principalId) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        db.select(PRINCIPAL_ATTRIBUTE.ATTR_KEY, PRINCIPAL_ATTRIBUTE.ATTR_VALUE).from(PRINCIPAL_ATTRIBUTE)
                .where(PRINCIPAL_ATTRIBUTE.PRINCIPAL_ID.eq(principalId))
                .orderBy(PRINCIPAL_ATTRIBUTE.ATTR_KEY, PRINCIPAL_ATTRIBUTE.ATTR_VALUE)
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return out;
    }
}
