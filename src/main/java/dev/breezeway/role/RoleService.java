package dev.breezeway.role;

import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.access.Authorizer;
import dev.breezeway.access.Grant;
import dev.breezeway.db.Constraints;
import dev.breezeway.error.AccessSubcode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Roles as first-class objects: their permissions come only from the {@link PermissionCatalogue}; an
 * update names the version it read and a stale one changes nothing. Nobody creates, changes or deletes
 * a role holding a permission they do not hold themselves.
 */
public final class RoleService {
    private final DSLContext db;
    private final RoleStore store;
    private final Authorizer authz;
    private final AuditLog audit;

    public RoleService(DSLContext db, RoleStore store, Authorizer authz, AuditLog audit) {
        this.audit = audit;
        this.db = db;
        this.store = store;
        this.authz = authz;
    }

    /** A page of roles and whether it reached the end. */
    public record Page(List<Role> items, boolean listCompleted) {
    }

    public Role create(Session caller, String name, Optional<String> description, List<String> permissions) {
        validate(Optional.of(name), description, permissions);
        authz.requireGrantable(caller, grants(permissions));
        try {
            long id = db.transactionResult(() -> {
                long roleId = store.insert(caller.accountId(), UUID.randomUUID(), name, description,
                        Optional.of(caller.principalId()));
                store.addPermissions(roleId, permissions);
                audit.change(caller, "role.create", AuditTarget.of("role", roleId, name),
                        java.util.Map.of("permissions", List.copyOf(permissions)));
                return roleId;
            });
            return store.findById(id).orElseThrow();
        } catch (DataAccessException e) {
            if (Constraints.violated(e, "uk_role_name")) {
                throw ApiException.invalid(Invalid.of("name", FieldType.STRING, InvalidSubcode.DUPLICATE));
            }
            throw e;
        }
    }

    public Role get(Session caller, String locator) {
        return find(caller, locator);
    }

    public Page list(Session caller, int offset, int count) {
        List<Role> items = store.list(caller.accountId(), offset, count + 1);
        boolean more = items.size() > count;
        return new Page(more ? items.subList(0, count) : items, !more);
    }

    /** Applies a versioned update; a stale {@code version} refuses the whole change. */
    public Role update(Session caller, String locator, long version, Optional<String> name, Optional<String> description,
                       List<String> add, List<String> remove) {
        Role role = find(caller, locator);
        validate(name, description, add);
        // Changing a role changes what its holders may do: only a caller holding all of it and of what it adds.
        authz.requireGrantable(caller, grants(role.permissions()));
        authz.requireGrantable(caller, grants(add));
        try {
            db.transaction(() -> {
                if (!store.update(role.roleId(), version, name, description)) {
                    throw ApiException.problem(Problem.VERSION_CONFLICT, "version");
                }
                store.addPermissions(role.roleId(), add);
                store.removePermissions(role.roleId(), remove);
                Role after = store.findById(role.roleId()).orElseThrow();
                audit.change(caller, "role.update", AuditTarget.of("role", role.roleId(), after.name()), AuditLog.changes(
                        AuditLog.fieldsOf(role, "roleId", "locator", "version", "createdAt", "createdBy"),
                        AuditLog.fieldsOf(after, "roleId", "locator", "version", "createdAt", "createdBy")));
            });
        } catch (DataAccessException e) {
            if (Constraints.violated(e, "uk_role_name")) {
                throw ApiException.invalid(Invalid.of("name", FieldType.STRING, InvalidSubcode.DUPLICATE));
            }
            throw e;
        }
        return store.findById(role.roleId()).orElseThrow();
    }

    public void delete(Session caller, String locator) {
        Role role = find(caller, locator);
        authz.requireGrantable(caller, grants(role.permissions()));
        db.transaction(() -> {
            store.delete(caller.accountId(), role.roleId());
            audit.change(caller, "role.delete", AuditTarget.of("role", role.roleId(), role.name()),
                    java.util.Map.of("permissions", role.permissions()));
        });
    }

    /** The fixed catalogue; readable with roles:read. */
    public List<String> catalogue(Session caller) {
        return PermissionCatalogue.ALL;
    }

    private Role find(Session caller, String locator) {
        return store.find(caller.accountId(), locator).orElseThrow(() -> ApiException.problem(Problem.NOT_FOUND, "locator"));
    }

    private static List<Grant> grants(List<String> permissions) {
        return permissions.stream().map(Grant::parse).flatMap(Optional::stream).toList();
    }

    private static void validate(Optional<String> name, Optional<String> description, List<String> permissions) {
        List<Invalid> problems = new ArrayList<>();
        if (name.isPresent() && (name.get().isBlank() || name.get().length() > 255)) {
            problems.add(Invalid.range("name", FieldType.STRING, 1, 255));
        }
        if (description.isPresent() && description.get().length() > 4000) {
            problems.add(Invalid.range("description", FieldType.STRING, 0, 4000));
        }
        for (String p : permissions) {
            if (!PermissionCatalogue.isKnown(p)) {
                problems.add(Invalid.of("permissions", FieldType.STRING, InvalidSubcode.NO_SUCH_ITEM));
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }
}
