package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.GROUP_MEMBER;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.db.Times;
import dev.breezeway.db.gen.tables.records.PrincipalRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Principals and group membership in MariaDB. */
public final class PrincipalStore {
    private final DSLContext db;

    public PrincipalStore(DSLContext db) {
        this.db = db;
    }

    /** A new user or group; ids are assigned by the store. */
    public record NewPrincipal(UUID uuid, long accountId, PrincipalType type, Optional<String> login,
                               Optional<String> groupName, String name, Optional<String> firstName,
                               Optional<String> lastName, Optional<String> email, Optional<String> description,
                               Optional<String> passwordHash, boolean isPrimary) {
    }

    /** Inserts a principal and returns its id; integrity violations surface as jOOQ exceptions. */
    public long insert(DSLContext tx, NewPrincipal p) {
        return tx.insertInto(PRINCIPAL)
                .set(PRINCIPAL.UUID, Uuids.toBytes(p.uuid()))
                .set(PRINCIPAL.ACCOUNT_ID, p.accountId())
                .set(PRINCIPAL.TYPE, p.type().wire())
                .set(PRINCIPAL.LOGIN, p.login().orElse(null))
                .set(PRINCIPAL.GROUP_NAME, p.groupName().orElse(null))
                .set(PRINCIPAL.NAME, p.name())
                .set(PRINCIPAL.FIRST_NAME, p.firstName().orElse(null))
                .set(PRINCIPAL.LAST_NAME, p.lastName().orElse(null))
                .set(PRINCIPAL.EMAIL, p.email().orElse(null))
                .set(PRINCIPAL.DESCRIPTION, p.description().orElse(null))
                .set(PRINCIPAL.PASSWORD_HASH, p.passwordHash().orElse(null))
                .set(PRINCIPAL.IS_PRIMARY, p.isPrimary())
                .returningResult(PRINCIPAL.PRINCIPAL_ID)
                .fetchSingle(Record1::value1);
    }

    public Optional<Principal> findById(long principalId) {
        return db.selectFrom(PRINCIPAL)
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(PRINCIPAL.DELETED_AT.isNull()))
                .fetchOptional(PrincipalStore::toPrincipal);
    }

    /** The manager of {@code principalId}, if one is set and still exists. */
    public Optional<Principal> managerOf(long principalId) {
        var m = PRINCIPAL.as("m");
        return db.select(m.fields()).from(PRINCIPAL)
                .join(m).on(m.PRINCIPAL_ID.eq(PRINCIPAL.MANAGER_ID))
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(m.DELETED_AT.isNull()))
                .fetchOptional(r -> toPrincipal(r.into(m).into(PRINCIPAL)));
    }

    /** The login credentials of an active (not deleted) user. */
    public record Credentials(long principalId, long accountId, Optional<String> passwordHash,
                              Optional<Instant> suspendedAt) {
    }

    public Optional<Credentials> findCredentials(String login) {
        return db.select(PRINCIPAL.PRINCIPAL_ID, PRINCIPAL.ACCOUNT_ID, PRINCIPAL.PASSWORD_HASH, PRINCIPAL.SUSPENDED_AT)
                .from(PRINCIPAL)
                .where(PRINCIPAL.LOGIN.eq(login).and(PRINCIPAL.DELETED_AT.isNull()))
                .fetchOptional(r -> new Credentials(r.value1(), r.value2(), Optional.ofNullable(r.value3()),
                        Optional.ofNullable(r.value4()).map(Times::toInstant)));
    }

    public void touchLastActive(long principalId, Instant now) {
        db.update(PRINCIPAL)
                .set(PRINCIPAL.LAST_ACTIVE_AT, Times.toLocal(now))
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId))
                .execute();
    }

    /** The id of the account's built-in group of {@code type}. */
    public Optional<Long> builtInGroupId(long accountId, PrincipalType type) {
        return db.select(PRINCIPAL.PRINCIPAL_ID).from(PRINCIPAL)
                .where(PRINCIPAL.ACCOUNT_ID.eq(accountId).and(PRINCIPAL.TYPE.eq(type.wire()))
                        .and(PRINCIPAL.IS_PRIMARY.isTrue()))
                .fetchOptional(Record1::value1);
    }

    /** Adds {@code memberId} to {@code groupId}; adding an existing member changes nothing. */
    public void addMember(DSLContext tx, long groupId, long memberId) {
        tx.insertInto(GROUP_MEMBER)
                .set(GROUP_MEMBER.GROUP_ID, groupId)
                .set(GROUP_MEMBER.MEMBER_ID, memberId)
                .onDuplicateKeyIgnore()
                .execute();
    }

    /**
     * True if {@code principalId} belongs, directly or through nested groups, to a group of {@code type}.
     */
    public boolean isInGroupOfType(long principalId, PrincipalType type) {
        var ancestors = DSL.name("ancestors");
        var id = DSL.field(DSL.name("ancestors", "id"), SQLDataType.BIGINT);
        CommonTableExpression<Record1<Long>> cte = ancestors.fields("id").as(
                DSL.select(GROUP_MEMBER.GROUP_ID).from(GROUP_MEMBER).where(GROUP_MEMBER.MEMBER_ID.eq(principalId))
                        .union(DSL.select(GROUP_MEMBER.GROUP_ID).from(GROUP_MEMBER)
                                .join(DSL.table(ancestors)).on(GROUP_MEMBER.MEMBER_ID.eq(id))));
        return db.withRecursive(cte)
                .selectOne().from(DSL.table(ancestors))
                .join(PRINCIPAL).on(PRINCIPAL.PRINCIPAL_ID.eq(id))
                .where(PRINCIPAL.TYPE.eq(type.wire()))
                .limit(1)
                .fetchOptional()
                .isPresent();
    }

    static Principal toPrincipal(PrincipalRecord r) {
        return new Principal(
                r.getPrincipalId(),
                Uuids.fromBytes(r.getUuid()),
                r.getAccountId(),
                PrincipalType.fromWire(r.getType()).orElse(PrincipalType.GROUP),
                Optional.ofNullable(r.getLogin()),
                r.getName(),
                Optional.ofNullable(r.getFirstName()),
                Optional.ofNullable(r.getLastName()),
                Optional.ofNullable(r.getEmail()),
                Optional.ofNullable(r.getDescription()),
                Boolean.TRUE.equals(r.getIsPrimary()),
                Boolean.TRUE.equals(r.getIsHidden()),
                r.getLang(),
                r.getTimeZoneId(),
                Optional.ofNullable(r.getSuspendedAt()).map(Times::toInstant),
                Optional.ofNullable(r.getLastActiveAt()).map(Times::toInstant),
                Times.toInstant(r.getCreatedAt()),
                r.getVersion());
    }
}
