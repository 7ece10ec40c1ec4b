package dev.breezeway.xml.action;

import dev.breezeway.acl.PermissionService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;

/**
 * {@code permissions-reset} ({@code acl-id}): removes every explicit permission on the object, e.g.
 * {@code acl-id=1000020}; an object without any is fine, an unknown one {@code no-such-item}.
 */
public final class PermissionsResetAction implements Action {
    private final PermissionService permissions;

    public PermissionsResetAction(PermissionService permissions) {
        this.permissions = permissions;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        long aclId = p.requiredId("acl-id");
        p.throwIfInvalid();
        permissions.reset(call.requireSession(), aclId);
        return Results.ok();
    }
}
