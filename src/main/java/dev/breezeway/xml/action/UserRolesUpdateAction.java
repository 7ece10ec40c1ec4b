package dev.breezeway.xml.action;

import dev.breezeway.user.UserService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/** {@code user-roles-update} ({@code principal-id}, repeated {@code add-role} / {@code remove-role}) → {@code ok}. */
public final class UserRolesUpdateAction implements Action {
    private final UserService users;

    public UserRolesUpdateAction(UserService users) {
        this.users = users;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
        long id = p.requiredId("principal-id");
        p.throwIfInvalid();
        var s = call.requireSession();
        users.changeRoles(s, users.locatorOf(s, id), p.all("add-role"), p.all("remove-role"));
        return Results.ok();
    }
}
