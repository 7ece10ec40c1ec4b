package dev.breezeway.xml.action;

import dev.breezeway.user.UserService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.PermissionNamesXml;

/** {@code user-permissions} ({@code principal-id}, default the caller) → its effective permissions. */
public final class UserPermissionsAction implements Action {
    private final UserService users;

    public UserPermissionsAction(UserService users) {
        this.users = users;
    }

    @Override
    public Results handle(Call call) {
        var s = call.requireSession();
        long id = call.params().optionalId("principal-id").orElse(s.principalId());
        call.params().throwIfInvalid();
        return Results.ok(PermissionNamesXml.of(users.permissions(s, id)));
    }
}
