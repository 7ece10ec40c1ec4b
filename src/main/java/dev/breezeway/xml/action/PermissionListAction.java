package dev.breezeway.xml.action;

import dev.breezeway.role.RoleService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.PermissionNamesXml;

/** {@code permission-list} → the server's permission catalogue as {@code <permission-list>}. */
public final class PermissionListAction implements Action {
    private final RoleService roles;

    public PermissionListAction(RoleService roles) {
        this.roles = roles;
    }

    @Override
    public Results handle(Call call) {
        return Results.ok(PermissionNamesXml.of(roles.catalogue(call.requireSession())));
    }
}
