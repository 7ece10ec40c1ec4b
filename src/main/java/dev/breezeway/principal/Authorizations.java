package dev.breezeway.principal;

import dev.breezeway.access.Authorizer;
import dev.breezeway.access.Grant;
import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.session.Session;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * What a principal is authorized to do, changed on every face through here: its roles, own ACL
 * entries (permissions), access attributes and tenants, e.g. roles {@code ["sync:writer"]}. Nobody
 * changes their own authorization, acts on a principal more powerful than themselves, grants a role or
 * permission they do not hold, or gives attributes outside their own scope; a change that changes
 * nothing is always allowed, so repeating a write is harmless.
 */
public final class Authorizations {
    /** The longest tenant name. */
    static final int TENANT_MAX = 255;
    private final DSLContext db;
    private final AuthorizationStore store;
    private final ModernFieldsStore fields;
    private final Authorizer authz;
    private final Clock clock;
    private final AuditLog audit;

    public Authorizations(DSLContext db, Authorizer authz, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.db = db;
        this.store = new AuthorizationStore(db);
        this.fields = new ModernFieldsStore(db);
        this.authz = authz;
        this.clock = clock;
    }

    /** New roles, ACL entries or access attributes of one principal; an empty part stays as it is. */
    public record Change(Optional<Collection<String>> roles, Optional<Collection<Grant>> acl,
                         Optional<Map<String, List<String>>> attributes) {
        public static Change roles(Collection<String> roles) {
            return new Change(Optional.of(roles), Optional.empty(), Optional.empty());
        }

        public static Change acl(Collection<Grant> acl) {
            return new Change(Optional.empty(), Optional.of(acl), Optional.empty());
        }

        public static Change attributes(Map<String, List<String>> attributes) {
            return new Change(Optional.empty(), Optional.empty(), Optional.of(attributes));
        }

        public static final Change NONE = new Change(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The principal's roles, ACL and attributes as stored, to tell a change from a repetition. */
    public record Current(Collection<String> roles, Collection<Grant> acl, Map<String, List<String>> attributes) {
        /** What a new principal holds. */
        public static final Current NONE = new Current(List.of(), List.of(), Map.of());
    }

    /**
     * Applies {@code change} to an existing principal in its own transaction, bumping its version if it
     * is still {@code expected} ({@code PRECONDITION_FAILED} on {@code version} otherwise).
     */
    public void apply(Session caller, long principalId, Current current, Change change, OptionalLong expected) {
        guard(caller, principalId, current, change);
        db.transaction(() -> {
            if (!fields.bumpVersion(db, principalId, expected, clock.instant())) {
                throw ApiException.problem(Problem.PRECONDITION_FAILED, "version");
            }
            write(db, principalId, change);
            record(caller, principalId, current, change);
        });
    }

    /** One audit event per part that changed, with the part before and after. */
    void record(Session caller, long principalId, Current current, Change change) {
        AuditTarget target = AuditTarget.principal(principalId, null);
        change.roles().filter(r -> !Set.copyOf(r).equals(Set.copyOf(current.roles()))).ifPresent(r ->
                audit.change(caller, "principal.roles", target, AuditLog.changes(Map.of("roles", List.copyOf(current.roles())),
                        Map.of("roles", List.copyOf(r)))));
        change.acl().filter(a -> !Set.copyOf(a).equals(Set.copyOf(current.acl()))).ifPresent(a ->
                audit.change(caller, "principal.acl", target, AuditLog.changes(Map.of("acl", grants(current.acl())),
                        Map.of("acl", grants(a)))));
        change.attributes().filter(a -> !normal(a).equals(normal(current.attributes()))).ifPresent(a ->
                audit.change(caller, "principal.attributes", target, AuditLog.changes(
                        Map.of("attributes", current.attributes()), Map.of("attributes", a))));
    }

    private static List<String> grants(Collection<Grant> acl) {
        return acl.stream().map(g -> g.resource() + ":" + g.permission()).toList();
    }

    /**
     * Checks a change to an existing principal that the caller writes inside its own transaction (with
     * {@link #write}), e.g. a JSON replace that also sets the name.
     */
    public void guard(Session caller, long principalId, Current current, Change change) {
        boolean changes = change.roles().map(r -> !Set.copyOf(r).equals(Set.copyOf(current.roles()))).orElse(false)
                || change.acl().map(a -> !Set.copyOf(a).equals(Set.copyOf(current.acl()))).orElse(false)
                || change.attributes().map(a -> !normal(a).equals(normal(current.attributes()))).orElse(false);
        if (!changes) {
            return;
        }
        authz.requireNotSelf(caller, principalId);
        authz.requireMayActOn(caller, principalId);
        guardNew(caller, change);
    }

    /** Checks what a new principal is given: only roles and permissions the caller holds, attributes in its scope. */
    public void guardNew(Session caller, Change change) {
        change.roles().ifPresent(r -> authz.requireRolesGrantable(caller, r));
        change.acl().ifPresent(a -> authz.requireGrantable(caller, a));
        change.attributes().ifPresent(a -> authz.requireWithinScope(caller, a));
    }

    /** Writes a checked change inside the caller's transaction and records what it changed from {@code current}. */
    public void write(Session caller, long principalId, Current current, Change change) {
        write(db, principalId, change);
        record(caller, principalId, current, change);
    }

    /** Writes a checked change inside the caller's transaction. */
    public void write(DSLContext tx, long principalId, Change change) {
        change.roles().ifPresent(r -> store.replaceRoles(tx, principalId, r));
        change.acl().ifPresent(a -> store.replaceAcl(tx, principalId, a));
        change.attributes().ifPresent(a -> store.replaceAttributes(tx, principalId, a));
    }

    /** Adds and removes roles (seed 002's {@code addRoles}/{@code removeRoles}). */
    public void changeRoles(Session caller, long principalId, Collection<String> add, Collection<String> remove) {
        List<String> before = store.rolesOf(principalId);
        Set<String> roles = new LinkedHashSet<>(before);
        roles.addAll(add);
        roles.removeAll(remove);
        apply(caller, principalId, new Current(before, List.of(), Map.of()), Change.roles(roles), OptionalLong.empty());
    }

    public List<String> rolesOf(long principalId) {
        return store.rolesOf(principalId);
    }

    public List<String> tenantsOf(long principalId) {
        return store.tenantsOf(principalId);
    }

    /**
     * Replaces the tenants (labels, no permission): {@code format} on {@code tenants} for a blank or too long
     * one. A change bumps the principal's version, so its JSON ETag changes with it.
     */
    public void setTenants(Session caller, long principalId, Collection<String> tenants) {
        checkTenants(tenants);
        authz.requireMayActOn(caller, principalId);
        db.transaction(() -> {
            if (Set.copyOf(store.tenantsOf(principalId)).equals(Set.copyOf(tenants))) {
                return;
            }
            List<String> before = store.tenantsOf(principalId);
            fields.bumpVersion(db, principalId, OptionalLong.empty(), clock.instant());
            writeTenants(db, principalId, tenants);
            audit.change(caller, "principal.tenants", AuditTarget.principal(principalId, null),
                    AuditLog.changes(Map.of("tenants", before), Map.of("tenants", List.copyOf(tenants))));
        });
    }

    public void changeTenants(Session caller, long principalId, Collection<String> add, Collection<String> remove) {
        Set<String> tenants = new LinkedHashSet<>(store.tenantsOf(principalId));
        tenants.addAll(add);
        tenants.removeAll(remove);
        setTenants(caller, principalId, tenants);
    }

    /** Writes checked tenants inside the caller's transaction. */
    public void writeTenants(DSLContext tx, long principalId, Collection<String> tenants) {
        checkTenants(tenants);
        store.replaceTenants(tx, principalId, tenants);
    }

    private static void checkTenants(Collection<String> tenants) {
        for (String t : tenants) {
            if (t.isBlank() || t.length() > TENANT_MAX) {
                throw ApiException.invalid(Invalid.of("tenants", FieldType.STRING, InvalidSubcode.FORMAT));
            }
        }
    }

    private static Map<String, Set<String>> normal(Map<String, List<String>> a) {
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        a.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, Set.copyOf(v));
            }
        });
        return out;
    }
}
