package dev.breezeway.acl;

import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.query.ListQuery;
import dev.breezeway.session.Session;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The rules for explicit permissions on ACL objects (the caller's account and its live principals),
 * shared by every face. Callers are administrators: the action table refuses everyone else.
 *
 * <p>{@code remove} on a non-meeting object deletes the holder's explicit permission (Adobe uses it
 * for "no meeting role"; Breezeway has no meetings yet, so there is no role to keep), and setting
 * a permission twice leaves one entry.
 */
public final class PermissionService {
    private final DSLContext db;
    private final AclObjectStore objects;
    private final PermissionStore store;
    private final Clock clock;
    private final AuditLog audit;

    public PermissionService(DSLContext db, AclObjectStore objects, PermissionStore store, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.db = db;
        this.objects = objects;
        this.store = store;
        this.clock = clock;
    }

    /** permissions-info's list: the pseudo-principals' permissions and the principals {@code q} selects. */
    public record Listing(Map<PseudoPrincipal, PermissionId> pseudo, List<PermissionEntry> principals) {
    }

    /** One requested change, e.g. acl-id 1000020, principal-id public-access, permission-id view-hidden. */
    public record Change(long aclId, Holder holder, PermissionId permissionId) {
    }

    /** @throws ApiException {@code no-data} if {@code aclId} names nothing in the caller's account */
    public Listing list(Session caller, long aclId, ListQuery q) {
        requireObject(caller, aclId);
        return new Listing(store.pseudoPermissions(aclId), store.list(caller.accountId(), aclId, q));
    }

    /** @throws ApiException {@code no-data} if the object is unknown or {@code holder} has no explicit permission on it */
    public Permission get(Session caller, long aclId, Holder holder) {
        requireObject(caller, aclId);
        return store.find(aclId, holder).map(p -> new Permission(aclId, holder, p)).orElseThrow(ApiException::noData);
    }

    /**
     * Applies the valid changes in order, in one transaction, and skips the others (an object or a
     * principal that is not in the caller's account), as Adobe does; returns how many were applied.
     */
    public int update(Session caller, List<Change> changes) {
        return db.transactionResult(() -> {
            DSLContext t = db;
            int applied = 0;
            for (Change c : changes) {
                if (objects.kindOf(t, caller.accountId(), c.aclId()).isEmpty() || !holderExists(t, caller, c.holder())) {
                    continue;
                }
                Optional<PermissionId> before = store.find(c.aclId(), c.holder());
                java.util.Map<String, Object> change = new java.util.LinkedHashMap<>();
                change.put("before", before.map(PermissionId::wire).orElse(null));
                change.put("after", c.permissionId() == PermissionId.REMOVE ? null : c.permissionId().wire());
                audit.change(caller, "permission.update", AuditTarget.of("acl", c.aclId(), null),
                        java.util.Map.of("principal-id", c.holder().key(), "permission-id", change));
                if (c.permissionId() == PermissionId.REMOVE) {
                    store.remove(t, c.aclId(), c.holder());
                } else {
                    store.put(t, new Permission(c.aclId(), c.holder(), c.permissionId()), clock.instant());
                }
                applied++;
            }
            return applied;
        });
    }

    /**
     * Removes every explicit permission on {@code aclId}; resetting an object without any is fine.
     *
     * @throws ApiException {@code invalid} ({@code acl-id}, {@code no-such-item}) if it names nothing
     */
    public void reset(Session caller, long aclId) {
        if (objects.kindOf(caller.accountId(), aclId).isEmpty()) {
            throw ApiException.invalid(Invalid.of("acl-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM));
        }
        db.transaction(() -> {
            store.removeAll(aclId);
            audit.change(caller, "permission.reset", AuditTarget.of("acl", aclId, null), Map.of());
        });
    }

    private void requireObject(Session caller, long aclId) {
        if (objects.kindOf(caller.accountId(), aclId).isEmpty()) {
            throw ApiException.noData();
        }
    }

    private boolean holderExists(DSLContext t, Session caller, Holder holder) {
        return holder.principalId().isEmpty() || objects.kindOf(t, caller.accountId(),
                holder.principalId().getAsLong()).filter(k -> k == AclKind.PRINCIPAL).isPresent();
    }
}
