package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.ACCOUNT;
import static dev.breezeway.db.gen.Tables.ACL_FIELD_VALUE;
import static dev.breezeway.db.gen.Tables.ACL_PERMISSION;
import static dev.breezeway.db.gen.Tables.CUSTOM_FIELD;
import static dev.breezeway.db.gen.Tables.GROUP_MEMBER;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.db.Times;
import dev.breezeway.db.gen.tables.records.PrincipalRecord;
import dev.breezeway.field.AclFieldStore.CustomValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Principals and group membership in MariaDB. */
public final class PrincipalStore {
    /**
     * The principals the directory shows: live ones, never the hidden {@code api-client} principals
     * behind API clients. Every lookup and list of the Breeze face goes through it.
     */
    public static final Condition LISTED = PRINCIPAL.DELETED_AT.isNull()
            .and(PRINCIPAL.TYPE.ne(PrincipalType.API_CLIENT.wire()));

    private static final dev.breezeway.db.gen.tables.Principal MANAGER = PRINCIPAL.as("m");
    /** The columns {@link #toPrincipal} reads; the others (hashes, ranks, …) would only cost transfer. */
    private static final List<Field<?>> PRINCIPAL_COLUMNS = List.of(PRINCIPAL.PRINCIPAL_ID, PRINCIPAL.UUID,
            PRINCIPAL.ACCOUNT_ID, PRINCIPAL.TYPE, PRINCIPAL.LOGIN, PRINCIPAL.NAME, PRINCIPAL.FIRST_NAME,
            PRINCIPAL.LAST_NAME, PRINCIPAL.EMAIL, PRINCIPAL.DESCRIPTION, PRINCIPAL.IS_PRIMARY, PRINCIPAL.IS_HIDDEN,
            PRINCIPAL.LANG, PRINCIPAL.TIME_ZONE_ID, PRINCIPAL.SUSPENDED_AT, PRINCIPAL.LAST_ACTIVE_AT,
            PRINCIPAL.CREATED_AT, PRINCIPAL.VERSION, PRINCIPAL.EXT_LOGIN, PRINCIPAL.PASSWORD_LOGIN);
    /** The columns of {@link #findDetail}'s rows: the principal's, its manager's, a custom value. */
    private static final List<Field<?>> DETAIL_FIELDS = detailFields();
    private final DSLContext db;
    /** {@link #findDetail}'s SQL, rendered once: building and rendering it per call cost more than running it. */
    private final String detailSql;

    public PrincipalStore(DSLContext db) {
        this.db = db;
        this.detailSql = db.renderInlined(detailQuery(db, DSL.field("?", Long.class)));
    }

    /** A new user or group; ids are assigned by the store. */
    public record NewPrincipal(UUID uuid, long accountId, PrincipalType type, Optional<String> login,
                               Optional<String> groupName, String name, Optional<String> firstName,
                               Optional<String> lastName, Optional<String> email, Optional<String> description,
                               Optional<String> passwordHash, boolean isPrimary) {
    }

    /** Inserts a principal and returns its id; integrity violations surface as jOOQ exceptions. */
    public long insert(DSLContext tx, NewPrincipal p) {
        return create(tx, p).principalId();
    }

    /**
     * Inserts a principal and its name's trigrams and returns the row as stored, defaults included
     * ({@code INSERT … RETURNING}, so no read follows); integrity violations surface as jOOQ exceptions.
     */
    public Principal create(DSLContext tx, NewPrincipal p) {
        return createAll(tx, List.of(p)).get(0);
    }

    /**
     * Inserts principals with one multi-row statement, then their names' trigrams, and returns the rows
     * as stored, in the order given. One row that breaks a unique key fails the statement and inserts
     * none of them (jOOQ exception naming the first key broken).
     */
    public List<Principal> createAll(DSLContext tx, List<NewPrincipal> ps) {
        var insert = tx.insertInto(PRINCIPAL, PRINCIPAL.UUID, PRINCIPAL.ACCOUNT_ID, PRINCIPAL.TYPE, PRINCIPAL.LOGIN,
                PRINCIPAL.GROUP_NAME, PRINCIPAL.NAME, PRINCIPAL.FIRST_NAME, PRINCIPAL.LAST_NAME, PRINCIPAL.EMAIL,
                PRINCIPAL.DESCRIPTION, PRINCIPAL.PASSWORD_HASH, PRINCIPAL.IS_PRIMARY);
        for (NewPrincipal p : ps) {
            insert = insert.values(Uuids.toBytes(p.uuid()), p.accountId(), p.type().wire(), p.login().orElse(null),
                    p.groupName().orElse(null), p.name(), p.firstName().orElse(null), p.lastName().orElse(null),
                    p.email().orElse(null), p.description().orElse(null), p.passwordHash().orElse(null), p.isPrimary());
        }
        // Matched by uuid rather than trusting the order of RETURNING's rows.
        Map<UUID, Principal> stored = new HashMap<>();
        for (PrincipalRecord r : insert.returning().fetch()) {
            Principal p = toPrincipal(r);
            stored.put(p.uuid(), p);
        }
        List<Principal> out = new ArrayList<>(ps.size());
        for (NewPrincipal p : ps) {
            out.add(Objects.requireNonNull(stored.get(p.uuid()), "RETURNING lost a row"));
        }
        PrincipalNgrams.indexNew(tx, out);
        return out;
    }

    public Optional<Principal> findById(long principalId) {
        return db.selectFrom(PRINCIPAL)
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(LISTED))
                .fetchOptional(PrincipalStore::toPrincipal);
    }

    /** A principal with its manager, if one is set and still exists, and its custom field values in display order. */
    public record Detail(Principal principal, Optional<Principal> manager, List<CustomValue> customValues) {
    }

    /**
     * What principal-info shows of a listed principal, in one query: the principal, its manager and its
     * custom field values (one row per value, the principal's columns repeated).
     */
    public Optional<Detail> findDetail(long principalId) {
        // Plain JDBC with the SQL rendered once, read by column position: jOOQ's query pipeline, and then
        // its records' copying by field name, each cost more CPU than MariaDB spent on the query.
        return db.connectionResult(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(detailSql)) {
                ps.setLong(1, principalId);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(detailOf(rs)) : Optional.<Detail>empty();
                }
            }
        });
    }

    /** A custom value row of {@link #findDetail}, with the display position it is sorted by. */
    private record ShownValue(int displaySeq, long fieldId, String value) {
    }

    /** Reads {@link #findDetail}'s rows from the first on: the principal and manager once, a value per row. */
    private static Detail detailOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        int n = PRINCIPAL_COLUMNS.size();
        Principal principal = principalAt(rs, 0);
        rs.getLong(n + 1);
        Optional<Principal> manager = rs.wasNull() ? Optional.empty() : Optional.of(principalAt(rs, n));
        List<ShownValue> shown = new ArrayList<>(2);
        do {
            long fieldId = rs.getLong(2 * n + 1);
            if (!rs.wasNull()) {
                shown.add(new ShownValue(rs.getInt(2 * n + 3), fieldId, rs.getString(2 * n + 2)));
            }
        } while (rs.next());
        // Sorted here rather than by ORDER BY, which cost MariaDB a temporary table per call.
        shown.sort(java.util.Comparator.comparingInt(ShownValue::displaySeq).thenComparingLong(ShownValue::fieldId));
        List<CustomValue> values = new ArrayList<>(shown.size());
        shown.forEach(v -> values.add(new CustomValue(v.fieldId(), v.value())));
        return new Detail(principal, manager, values);
    }

    /** The principal whose {@link #PRINCIPAL_COLUMNS} start after column {@code offset} of the row. */
    private static Principal principalAt(java.sql.ResultSet rs, int offset) throws java.sql.SQLException {
        return new Principal(
                rs.getLong(offset + 1),
                Uuids.fromBytes(rs.getBytes(offset + 2)),
                rs.getLong(offset + 3),
                PrincipalType.fromWire(rs.getString(offset + 4)).orElse(PrincipalType.GROUP),
                Optional.ofNullable(rs.getString(offset + 5)),
                rs.getString(offset + 6),
                Optional.ofNullable(rs.getString(offset + 7)),
                Optional.ofNullable(rs.getString(offset + 8)),
                Optional.ofNullable(rs.getString(offset + 9)),
                Optional.ofNullable(rs.getString(offset + 10)),
                rs.getBoolean(offset + 11),
                rs.getBoolean(offset + 12),
                rs.getString(offset + 13),
                rs.getInt(offset + 14),
                Optional.ofNullable(rs.getObject(offset + 15, java.time.LocalDateTime.class)).map(Times::toInstant),
                Optional.ofNullable(rs.getObject(offset + 16, java.time.LocalDateTime.class)).map(Times::toInstant),
                Times.toInstant(rs.getObject(offset + 17, java.time.LocalDateTime.class)),
                rs.getLong(offset + 18),
                Optional.ofNullable(rs.getString(offset + 19)),
                rs.getBoolean(offset + 20));
    }

    /** The SQL of {@link #findDetail}, with one {@code ?} for the principal id (the bench runs it as a baseline). */
    public String detailSql() {
        return detailSql;
    }

    private static List<Field<?>> detailFields() {
        List<Field<?>> fields = new java.util.ArrayList<>(PRINCIPAL_COLUMNS);
        PRINCIPAL_COLUMNS.forEach(f -> fields.add(MANAGER.field(f)));
        fields.add(ACL_FIELD_VALUE.FIELD_ID);
        fields.add(ACL_FIELD_VALUE.FIELD_VALUE);
        fields.add(CUSTOM_FIELD.DISPLAY_SEQ);
        return List.copyOf(fields);
    }

    private static ResultQuery<Record> detailQuery(DSLContext db, Field<Long> principalId) {
        return db.select(DETAIL_FIELDS)
                .from(PRINCIPAL)
                .leftJoin(MANAGER).on(MANAGER.PRINCIPAL_ID.eq(PRINCIPAL.MANAGER_ID).and(MANAGER.DELETED_AT.isNull()))
                .leftJoin(ACL_FIELD_VALUE.join(CUSTOM_FIELD).on(CUSTOM_FIELD.FIELD_ID.eq(ACL_FIELD_VALUE.FIELD_ID)))
                .on(ACL_FIELD_VALUE.ACL_ID.eq(PRINCIPAL.PRINCIPAL_ID))
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(LISTED));
    }

    /** The login credentials of an active (not deleted) user, as {@code AuthService} reads them. */
    public record Credentials(long principalId, long accountId, Optional<String> passwordHash,
                              Optional<Instant> suspendedAt, boolean passwordTemporary,
                              Optional<Instant> passwordExpiresAt, boolean temporaryUsed, boolean passwordLogin) {
    }

    /**
     * Moves the last-active time of each principal forward to the time given for it, in one UPDATE; a
     * time older than the stored one changes nothing, so a repeated or late write is harmless.
     */
    public void touchLastActive(Map<Long, Instant> times) {
        if (times.isEmpty()) {
            return;
        }
        Map<Long, java.time.LocalDateTime> local = new HashMap<>();
        times.forEach((id, at) -> local.put(id, Times.toLocal(at)));
        Field<java.time.LocalDateTime> given = DSL.case_(PRINCIPAL.PRINCIPAL_ID).mapValues(local);
        db.update(PRINCIPAL)
                .set(PRINCIPAL.LAST_ACTIVE_AT, DSL.greatest(DSL.coalesce(PRINCIPAL.LAST_ACTIVE_AT, given), given))
                .where(PRINCIPAL.PRINCIPAL_ID.in(local.keySet()))
                .execute();
    }

    /** The id of the account's built-in group of {@code type}. */
    public Optional<Long> builtInGroupId(long accountId, PrincipalType type) {
        return db.select(PRINCIPAL.PRINCIPAL_ID).from(PRINCIPAL)
                .where(PRINCIPAL.ACCOUNT_ID.eq(accountId).and(PRINCIPAL.TYPE.eq(type.wire()))
                        .and(PRINCIPAL.IS_PRIMARY.isTrue()))
                .fetchOptional(Record1::value1);
    }

    public Optional<Principal> findByLogin(DSLContext tx, String login) {
        return tx.selectFrom(PRINCIPAL)
                .where(PRINCIPAL.LOGIN.eq(login).and(PRINCIPAL.DELETED_AT.isNull()))
                .fetchOptional(PrincipalStore::toPrincipal);
    }

    /** Whether any principal, live or soft-deleted, has this login (the unique key spans the server). */
    public boolean loginTaken(String login) {
        return db.fetchExists(PRINCIPAL, PRINCIPAL.LOGIN.eq(login));
    }

    /** Whether any principal, live or soft-deleted, has this email (the unique key spans the server). */
    public boolean emailTaken(long accountId, String email) {
        return db.fetchExists(PRINCIPAL, PRINCIPAL.EMAIL.eq(email));
    }

    public Optional<Principal> findGroupByName(DSLContext tx, long accountId, String name) {
        return tx.selectFrom(PRINCIPAL)
                .where(PRINCIPAL.ACCOUNT_ID.eq(accountId).and(PRINCIPAL.GROUP_NAME.eq(name))
                        .and(PRINCIPAL.DELETED_AT.isNull()))
                .fetchOptional(PrincipalStore::toPrincipal);
    }

    public Optional<Principal> findById(DSLContext tx, long principalId) {
        return tx.selectFrom(PRINCIPAL)
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(LISTED))
                .fetchOptional(PrincipalStore::toPrincipal);
    }

    /** A principal live or soft-deleted (never an API client's), for the permanent delete. */
    public Optional<Principal> findIncludingDeactivated(DSLContext tx, long principalId) {
        return tx.selectFrom(PRINCIPAL)
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId)
                        .and(PRINCIPAL.TYPE.ne(PrincipalType.API_CLIENT.wire())))
                .fetchOptional(PrincipalStore::toPrincipal);
    }

    /**
     * Soft-deletes a principal: the row stays (with {@code deleted_at}) but no lookup, list or login
     * finds it again (session resolution skips it too). False if it was already deleted or does not exist.
     */
    public boolean deactivate(DSLContext tx, long principalId, Instant now) {
        return tx.update(PRINCIPAL)
                .set(PRINCIPAL.DELETED_AT, Times.toLocal(now))
                .set(PRINCIPAL.UPDATED_AT, Times.toLocal(now))
                .set(PRINCIPAL.VERSION, PRINCIPAL.VERSION.plus(1))
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(PRINCIPAL.DELETED_AT.isNull()))
                .execute() == 1;
    }

    /** Changed standard fields of a principal; empty means unchanged. */
    public record Changes(Optional<String> login, Optional<String> groupName, Optional<String> name,
                          Optional<String> firstName, Optional<String> lastName, Optional<String> email,
                          Optional<String> description) {
    }

    /** Applies {@code c} and bumps the version; a no-op change still succeeds (idempotent). */
    public void update(DSLContext tx, long principalId, Changes c, Instant now) {
        Optional<String> oldName = c.name().isPresent() ? PrincipalNgrams.lockName(tx, principalId) : Optional.empty();
        var u = tx.update(PRINCIPAL).set(PRINCIPAL.UPDATED_AT, Times.toLocal(now));
        c.login().ifPresent(v -> u.set(PRINCIPAL.LOGIN, v));
        c.groupName().ifPresent(v -> u.set(PRINCIPAL.GROUP_NAME, v));
        c.name().ifPresent(v -> u.set(PRINCIPAL.NAME, v));
        c.firstName().ifPresent(v -> u.set(PRINCIPAL.FIRST_NAME, v));
        c.lastName().ifPresent(v -> u.set(PRINCIPAL.LAST_NAME, v));
        c.email().ifPresent(v -> u.set(PRINCIPAL.EMAIL, v));
        c.description().ifPresent(v -> u.set(PRINCIPAL.DESCRIPTION, v));
        int updated = u.set(PRINCIPAL.VERSION, PRINCIPAL.VERSION.plus(1))
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId))
                .execute();
        if (updated == 1 && c.name().isPresent()) {
            PrincipalNgrams.reindex(tx, principalId, oldName.orElse(""), c.name().get());
        }
    }

    /** Deletes principals of the account for good; memberships, sessions and name windows go with them. */
    public int delete(DSLContext tx, long accountId, java.util.Collection<Long> ids) {
        // Values and permissions held on the principal as an ACL object have no foreign key (an acl-id may
        // also name an account), so they go explicitly.
        tx.deleteFrom(ACL_FIELD_VALUE).where(ACL_FIELD_VALUE.ACL_ID.in(ids)).execute();
        tx.deleteFrom(ACL_PERMISSION).where(ACL_PERMISSION.ACL_ID.in(ids)).execute();
        PrincipalNgrams.unindex(tx, tx.select(PRINCIPAL.PRINCIPAL_ID, PRINCIPAL.NAME).from(PRINCIPAL)
                .where(PRINCIPAL.ACCOUNT_ID.eq(accountId).and(PRINCIPAL.PRINCIPAL_ID.in(ids)))
                .forUpdate()
                .fetchMap(PRINCIPAL.PRINCIPAL_ID, PRINCIPAL.NAME));
        return tx.deleteFrom(PRINCIPAL)
                .where(PRINCIPAL.ACCOUNT_ID.eq(accountId).and(PRINCIPAL.PRINCIPAL_ID.in(ids)))
                .execute();
    }

    public static Principal toPrincipal(PrincipalRecord r) {
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
                r.getVersion(),
                Optional.ofNullable(r.getExtLogin()),
                !Boolean.FALSE.equals(r.getPasswordLogin()));
    }
}
