package dev.breezeway.xml.action;

import dev.breezeway.role.RoleService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/** {@code role-create} ({@code name}, {@code description}, repeated {@code permission}) → {@code <role …>}. */
public final class RoleCreateAction implements Action {
    private final RoleService roles;

    public RoleCreateAction(RoleService roles) {
        this.roles = roles;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
        String name = p.requiredText("name", 1, 255);
        var description = p.optionalText("description", 0, 4000);
        p.throwIfInvalid();
        return Results.ok(RoleActions.xml(roles.create(call.requireSession(), name, description, p.all("permission"))));
    }
}
