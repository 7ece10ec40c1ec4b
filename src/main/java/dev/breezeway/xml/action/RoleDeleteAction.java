package dev.breezeway.xml.action;

import dev.breezeway.role.RoleService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/** {@code role-delete} ({@code role}) → {@code ok}; holders keep the name but lose its permissions. */
public final class RoleDeleteAction implements Action {
    private final RoleService roles;

    public RoleDeleteAction(RoleService roles) {
        this.roles = roles;
    }

    @Override
    public Results handle(Call call) {
        String role = call.params().requiredText("role", 1, 255);
        call.params().throwIfInvalid();
        roles.delete(call.requireSession(), role);
        return Results.ok();
    }
}
