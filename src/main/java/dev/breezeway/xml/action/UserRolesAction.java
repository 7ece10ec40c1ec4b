package dev.breezeway.xml.action;

import dev.breezeway.user.UserService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.UserRolesXml;

/**
 * {@code user-roles} ({@code principal-id}, default the caller) → the names of the roles it holds, as
 * {@code GET /auth/users/{locator}} lists them; the console shows and edits them with {@code user-roles-update}.
 */
public final class UserRolesAction implements Action {
    private final UserService users;

    public UserRolesAction(UserService users) {
        this.users = users;
    }

    @Override
    public Results handle(Call call) {
        var s = call.requireSession();
        long id = call.params().optionalId("principal-id").orElse(s.principalId());
        call.params().throwIfInvalid();
        return Results.ok(UserRolesXml.of(id, users.get(s, users.locatorOf(s, id)).roles()));
    }
}
