package dev.breezeway.xml.action;

import dev.breezeway.user.UserService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/** {@code user-tenants-update} ({@code principal-id}, repeated {@code add-tenant} / {@code remove-tenant}) → {@code ok}. */
public final class UserTenantsUpdateAction implements Action {
    private final UserService users;

    public UserTenantsUpdateAction(UserService users) {
        this.users = users;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
        long id = p.requiredId("principal-id");
        p.throwIfInvalid();
        var s = call.requireSession();
        users.changeTenants(s, users.locatorOf(s, id), p.all("add-tenant"), p.all("remove-tenant"));
        return Results.ok();
    }
}
