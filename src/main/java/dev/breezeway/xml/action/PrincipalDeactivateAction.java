package dev.breezeway.xml.action;

import dev.breezeway.client.ClientUserService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/**
 * {@code principal-deactivate} ({@code principal-id}): soft-deletes a user. The row stays, but the
 * user can no longer log in, its sessions end and it leaves every list; principals-delete still
 * removes it for good. Needs {@code users:delete}; an API client may deactivate only its own users.
 */
public final class PrincipalDeactivateAction implements Action {
    private final ClientUserService users;

    public PrincipalDeactivateAction(ClientUserService users) {
        this.users = users;
    }

    @Override
    public Results handle(Call call) {
        long id = call.params().requiredId("principal-id");
        call.params().throwIfInvalid();
        users.deactivate(call.requireSession(), id);
        return Results.ok();
    }
}
