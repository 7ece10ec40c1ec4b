package dev.breezeway.role;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;
import static dev.breezeway.db.gen.Tables.ROLE;
import static dev.breezeway.db.gen.Tables.ROLE_PERMISSION;

import dev.breezeway.db.Times;
import dev.breezeway.db.gen.tables.records.RoleRecord;
import dev.breezeway.principal.Uuids;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record1;

/** Roles and their permissions in MariaDB. */
public final class RoleStore {
    private final DSLContext db;

    public RoleStore(DSLContext db) {
        this.db = db;
    }

    public long insert(long accountId, UUID locator, String name, Optional<String> description, Optional<Long> createdBy) {
        return db.insertInto(ROLE)
                .set(ROLE.ACCOUNT_ID, accountId)
                .set(ROLE.LOCATOR, Uuids.toBytes(locator))
                .set(ROLE.NAME, name)
                .set(ROLE.DESCRIPTION, description.orElse(null))
                .set(ROLE.CREATED_BY, createdBy.orElse(null))
                .returningResult(ROLE.ROLE_ID)
                .fetchSingle(Record1::value1);
    }

    public void addPermissions(long roleId, Collection<String> permissions) {
        for (String p : permissions) {
            db.insertInto(ROLE_PERMISSION).set(ROLE_PERMISSION.ROLE_ID, roleId).set(ROLE_PERMISSION.PERMISSION, p)
                    .onDuplicateKeyIgnore().execute();
        }
    }

    public void removePermissions(long roleId, Collection<String> permissions) {
        if (!permissions.isEmpty()) {
            db.deleteFrom(ROLE_PERMISSION).where(ROLE_PERMISSION.ROLE_ID.eq(roleId)
                    .and(ROLE_PERMISSION.PERMISSION.in(permissions))).execute();
        }
    }

    /** Renames/redescribes and bumps the version if it is still {@code expected}; false when stale. */
    public boolean update(long roleId, long expected, Optional<String> name, Optional<String> description) {
        var u = db.update(ROLE).set(ROLE.VERSION, ROLE.VERSION.plus(1));
        if (name.isPresent()) {
            u = u.set(ROLE.NAME, name.get());
        }
        if (description.isPresent()) {
            u = u.set(ROLE.DESCRIPTION, description.get());
        }
        return u.where(ROLE.ROLE_ID.eq(roleId).and(ROLE.VERSION.eq(expected))).execute() == 1;
    }

    public boolean delete(long accountId, long roleId) {
        return db.deleteFrom(ROLE).where(ROLE.ROLE_ID.eq(roleId).and(ROLE.ACCOUNT_ID.eq(accountId))).execute() == 1;
    }

    /** A role by locator (UUID) or by name. */
    public Optional<Role> find(long accountId, String locatorOrName) {
        var cond = ROLE.ACCOUNT_ID.eq(accountId).and(ROLE.NAME.eq(locatorOrName));
        try {
            cond = ROLE.ACCOUNT_ID.eq(accountId).and(ROLE.LOCATOR.eq(Uuids.toBytes(UUID.fromString(locatorOrName)))
                    .or(ROLE.NAME.eq(locatorOrName)));
        } catch (IllegalArgumentException notAUuid) {
            // a name
        }
        return load(db.selectFrom(ROLE).where(cond).fetch()).stream().findFirst();
    }

    public Optional<Role> findById(long roleId) {
        return load(db.selectFrom(ROLE).where(ROLE.ROLE_ID.eq(roleId)).fetch()).stream().findFirst();
    }

    public List<Role> list(long accountId, int offset, int count) {
        return load(db.selectFrom(ROLE).where(ROLE.ACCOUNT_ID.eq(accountId)).orderBy(ROLE.NAME, ROLE.ROLE_ID)
                .limit(count).offset(offset).fetch());
    }

    private List<Role> load(List<RoleRecord> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> perms = new LinkedHashMap<>();
        db.select(ROLE_PERMISSION.ROLE_ID, ROLE_PERMISSION.PERMISSION).from(ROLE_PERMISSION)
                .where(ROLE_PERMISSION.ROLE_ID.in(rows.stream().map(RoleRecord::getRoleId).toList()))
                .orderBy(ROLE_PERMISSION.PERMISSION)
                .forEach(r -> perms.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        Map<Long, UUID> creators = new LinkedHashMap<>();
        List<Long> creatorIds = rows.stream().map(RoleRecord::getCreatedBy).filter(java.util.Objects::nonNull).toList();
        if (!creatorIds.isEmpty()) {
            db.select(PRINCIPAL.PRINCIPAL_ID, PRINCIPAL.UUID).from(PRINCIPAL).where(PRINCIPAL.PRINCIPAL_ID.in(creatorIds))
                    .forEach(r -> creators.put(r.value1(), Uuids.fromBytes(r.value2())));
        }
        List<Role> out = new ArrayList<>();
        for (RoleRecord r : rows) {
            UUID locator = r.getLocator() == null ? new UUID(0, r.getRoleId()) : Uuids.fromBytes(r.getLocator());
            out.add(new Role(r.getRoleId(), locator, r.getName(), Optional.ofNullable(r.getDescription()), r.getVersion(),
                    Times.toInstant(r.getCreatedAt()), Optional.ofNullable(r.getCreatedBy()).map(creators::get),
                    perms.getOrDefault(r.getRoleId(), List.of())));
        }
        return out;
    }
}
