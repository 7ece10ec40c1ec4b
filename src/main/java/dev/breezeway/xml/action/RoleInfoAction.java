package dev.breezeway.xml.action;

import dev.breezeway.role.RoleService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/** {@code role-info} ({@code role}: locator or name) → {@code <role …>}; unknown → {@code no-data}. */
public final class RoleInfoAction implements Action {
    private final RoleService roles;

    public RoleInfoAction(RoleService roles) {
        this.roles = roles;
    }

    @Override
    public Results handle(Call call) {
        String role = call.params().requiredText("role", 1, 255);
        call.params().throwIfInvalid();
        return Results.ok(RoleActions.xml(roles.get(call.requireSession(), role)));
    }
}
