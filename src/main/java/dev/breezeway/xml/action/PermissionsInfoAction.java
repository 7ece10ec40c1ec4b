package dev.breezeway.xml.action;

import dev.breezeway.acl.Holder;
import dev.breezeway.acl.Permission;
import dev.breezeway.acl.PermissionEntry;
import dev.breezeway.acl.PermissionId;
import dev.breezeway.acl.PermissionService;
import dev.breezeway.acl.PermissionStore;
import dev.breezeway.acl.PseudoPrincipal;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.query.ListLimit;
import dev.breezeway.query.ListQuery;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.FilterParams;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.PermissionPrincipalXml;
import dev.breezeway.xml.model.PermissionXml;
import dev.breezeway.xml.model.PermissionsXml;
import java.util.Optional;
import java.util.Set;

/**
 * {@code permissions-info} ({@code acl-id}: a principal or the account). With {@code principal-id}
 * (an id, {@code public-access} or {@code logged-in-access}) the one explicit permission, e.g.
 * {@code <permission acl-id="1000020" permission-id="host" principal-id="1000009"/>}, or {@code no-data}.
 * Without it every principal of the account with its explicit permission ({@code permission-id=""} if
 * none), filtered and sorted on principal-id, permission-id, type, is-primary, has-children, name,
 * login and description; the {@code logged-in-access} and {@code public-access} rows always come
 * first, whatever the filters, sorts and paging. The principal rows are paged and limited as every
 * list is ({@link ListLimit}); the two pseudo-principal rows are not counted. An unknown acl-id is
 * {@code no-data}.
 */
public final class PermissionsInfoAction implements Action {
    private static final Set<String> FIELDS = Set.copyOf(PermissionStore.LIST_FIELDS);
    private final PermissionService permissions;
    private final ListLimit limit;

    public PermissionsInfoAction(PermissionService permissions, ListLimit limit) {
        this.permissions = permissions;
        this.limit = limit;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        long aclId = p.requiredId("acl-id");
        Optional<String> principal = p.first("principal-id").map(String::strip).filter(s -> !s.isEmpty());
        Optional<Holder> holder = principal.flatMap(Holder::parse);
        if (principal.isPresent() && holder.isEmpty()) {
            p.problem(Invalid.of("principal-id", FieldType.ID, InvalidSubcode.FORMAT));
        }
        if (holder.isPresent()) {
            p.throwIfInvalid();
            return Results.ok(single(permissions.get(call.requireSession(), aclId, holder.get())));
        }
        ListQuery q = FilterParams.read(p, FIELDS);
        p.throwIfInvalid();
        PermissionService.Listing listing = permissions.list(call.requireSession(), aclId, limit.bounded(call.request().rows(), q));
        PermissionsXml x = new PermissionsXml();
        for (PseudoPrincipal pseudo : PseudoPrincipal.values()) {
            x.principals.add(pseudo(pseudo, Optional.ofNullable(listing.pseudo().get(pseudo))));
        }
        limit.checked(call.request().rows(), q, listing.principals()).forEach(e -> x.principals.add(entry(e)));
        return Results.ok(x);
    }

    private static PermissionXml single(Permission p) {
        PermissionXml x = new PermissionXml();
        x.aclId = Long.toString(p.aclId());
        x.permissionId = p.permissionId().wire();
        x.principalId = p.holder().key();
        return x;
    }

    private static PermissionPrincipalXml pseudo(PseudoPrincipal pseudo, Optional<PermissionId> permission) {
        PermissionPrincipalXml x = new PermissionPrincipalXml();
        x.principalId = pseudo.wire();
        x.isPrimary = "false";
        x.type = "user";
        x.hasChildren = "false";
        x.permissionId = permission.map(PermissionId::wire).orElse("");
        x.trainingGroupId = "";
        x.name = pseudo.displayName();
        x.login = "";
        x.displayUid = "";
        return x;
    }

    private static PermissionPrincipalXml entry(PermissionEntry e) {
        PermissionPrincipalXml x = new PermissionPrincipalXml();
        x.principalId = Long.toString(e.principalId());
        x.isPrimary = Boolean.toString(e.isPrimary());
        x.type = e.type().wire();
        x.hasChildren = Boolean.toString(e.type().isGroup());
        x.permissionId = e.permissionId().map(PermissionId::wire).orElse("");
        x.trainingGroupId = "";
        x.name = e.name();
        x.login = e.login();
        x.displayUid = e.login();
        if (e.type().isGroup()) {
            x.description = e.description().orElse("");
        }
        return x;
    }
}
