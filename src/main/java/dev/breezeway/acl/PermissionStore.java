package dev.breezeway.acl;

import static dev.breezeway.db.gen.Tables.ACL_PERMISSION;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.db.ListQueries;
import dev.breezeway.db.Times;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.principal.PrincipalType;
import dev.breezeway.query.ListQuery;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/** Explicit permissions ({@code acl_permission}) in MariaDB; one row per (acl-id, holder). */
public final class PermissionStore {
    /** The fields permissions-info filters and sorts on, by wire name. */
    public static final List<String> LIST_FIELDS = List.of("principal-id", "permission-id", "type", "is-primary",
            "has-children", "name", "login", "description");

    private static final Field<String> LOGIN = DSL.coalesce(PRINCIPAL.LOGIN, PRINCIPAL.NAME);
    private static final Field<String> PERMISSION = DSL.coalesce(ACL_PERMISSION.PERMISSION_ID, DSL.inline(""));
    private static final Field<Boolean> HAS_CHILDREN = DSL.field(PRINCIPAL.TYPE.in(
            Arrays.stream(PrincipalType.values()).filter(PrincipalType::isGroup).map(PrincipalType::wire).toList()));
    private static final Map<String, ListQueries.Column> COLUMNS = Map.of(
            "principal-id", ListQueries.number(PRINCIPAL.PRINCIPAL_ID),
            "permission-id", ListQueries.text(PERMISSION),
            "type", ListQueries.text(PRINCIPAL.TYPE),
            "is-primary", ListQueries.bool(PRINCIPAL.IS_PRIMARY),
            "has-children", ListQueries.bool(HAS_CHILDREN),
            "name", ListQueries.text(PRINCIPAL.NAME),
            "login", ListQueries.text(LOGIN),
            "description", ListQueries.text(PRINCIPAL.DESCRIPTION));

    private final DSLContext db;

    public PermissionStore(DSLContext db) {
        this.db = db;
    }

    /**
     * The live principals of account {@code accountId} that {@code q} selects, each with its explicit
     * permission on {@code aclId} if it has one, sorted as {@code q} asks and then by principal id.
     */
    public List<PermissionEntry> list(long accountId, long aclId, ListQuery q) {
        var select = db.select(PRINCIPAL.PRINCIPAL_ID, PRINCIPAL.TYPE, PRINCIPAL.IS_PRIMARY, PRINCIPAL.NAME, LOGIN,
                        PRINCIPAL.DESCRIPTION, ACL_PERMISSION.PERMISSION_ID)
                .from(PRINCIPAL)
                .leftJoin(ACL_PERMISSION).on(ACL_PERMISSION.ACL_ID.eq(aclId)
                        .and(ACL_PERMISSION.PRINCIPAL_ID.eq(PRINCIPAL.PRINCIPAL_ID)))
                .where(PRINCIPAL.ACCOUNT_ID.eq(accountId).and(PrincipalStore.LISTED)
                        .and(ListQueries.where(q, COLUMNS)))
                .orderBy(ListQueries.orderBy(q, COLUMNS, PRINCIPAL.PRINCIPAL_ID.asc()));
        return ListQueries.page(select, q).fetch(r -> new PermissionEntry(
                r.get(PRINCIPAL.PRINCIPAL_ID),
                PrincipalType.fromWire(r.get(PRINCIPAL.TYPE)).orElse(PrincipalType.GROUP),
                Boolean.TRUE.equals(r.get(PRINCIPAL.IS_PRIMARY)),
                r.get(PRINCIPAL.NAME),
                r.get(LOGIN),
                Optional.ofNullable(r.get(PRINCIPAL.DESCRIPTION)),
                Optional.ofNullable(r.get(ACL_PERMISSION.PERMISSION_ID)).flatMap(PermissionId::fromWire)));
    }

    /** The explicit permissions of the pseudo-principals on {@code aclId}. */
    public Map<PseudoPrincipal, PermissionId> pseudoPermissions(long aclId) {
        Map<PseudoPrincipal, PermissionId> out = new EnumMap<>(PseudoPrincipal.class);
        db.select(ACL_PERMISSION.PRINCIPAL_KEY, ACL_PERMISSION.PERMISSION_ID).from(ACL_PERMISSION)
                .where(ACL_PERMISSION.ACL_ID.eq(aclId).and(ACL_PERMISSION.PRINCIPAL_ID.isNull()))
                .forEach(r -> PseudoPrincipal.fromWire(r.value1()).ifPresent(p ->
                        PermissionId.fromWire(r.value2()).ifPresent(id -> out.put(p, id))));
        return out;
    }

    /** The explicit permission of {@code holder} on {@code aclId}; a deleted principal holds none. */
    public Optional<PermissionId> find(long aclId, Holder holder) {
        var condition = ACL_PERMISSION.ACL_ID.eq(aclId).and(ACL_PERMISSION.PRINCIPAL_KEY.eq(holder.key()));
        if (holder.principalId().isPresent()) {
            condition = condition.andExists(db.selectOne().from(PRINCIPAL)
                    .where(PRINCIPAL.PRINCIPAL_ID.eq(ACL_PERMISSION.PRINCIPAL_ID).and(PRINCIPAL.DELETED_AT.isNull())));
        }
        return db.select(ACL_PERMISSION.PERMISSION_ID).from(ACL_PERMISSION).where(condition)
                .fetchOptional(Record1::value1).flatMap(PermissionId::fromWire);
    }

    /** Sets {@code p}, replacing the holder's previous permission on the object (an upsert on the natural key). */
    public void put(DSLContext tx, Permission p, Instant now) {
        tx.insertInto(ACL_PERMISSION)
                .set(ACL_PERMISSION.ACL_ID, p.aclId())
                .set(ACL_PERMISSION.PRINCIPAL_KEY, p.holder().key())
                .set(ACL_PERMISSION.PRINCIPAL_ID, p.holder().principalId().isPresent()
                        ? p.holder().principalId().getAsLong() : null)
                .set(ACL_PERMISSION.PERMISSION_ID, p.permissionId().wire())
                .set(ACL_PERMISSION.CREATED_AT, Times.toLocal(now))
                .set(ACL_PERMISSION.UPDATED_AT, Times.toLocal(now))
                .onDuplicateKeyUpdate()
                .set(ACL_PERMISSION.PERMISSION_ID, p.permissionId().wire())
                .set(ACL_PERMISSION.UPDATED_AT, Times.toLocal(now))
                .execute();
    }

    /** Removes the holder's explicit permission on {@code aclId}, if any. */
    public void remove(DSLContext tx, long aclId, Holder holder) {
        tx.deleteFrom(ACL_PERMISSION)
                .where(ACL_PERMISSION.ACL_ID.eq(aclId).and(ACL_PERMISSION.PRINCIPAL_KEY.eq(holder.key())))
                .execute();
    }

    /** Removes every explicit permission on {@code aclId}; returns how many there were. */
    public int removeAll(long aclId) {
        return db.deleteFrom(ACL_PERMISSION).where(ACL_PERMISSION.ACL_ID.eq(aclId)).execute();
    }
}
