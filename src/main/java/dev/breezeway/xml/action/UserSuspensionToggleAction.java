package dev.breezeway.xml.action;

import dev.breezeway.principal.Lifecycle;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/** {@code user-suspension-toggle} ({@code principal-id}): ACTIVE ↔ SUSPENDED; suspending ends every session. */
public final class UserSuspensionToggleAction implements Action {
    private final Lifecycle org;

    public UserSuspensionToggleAction(Lifecycle org) {
        this.org = org;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
        long id = p.requiredId("principal-id");
        p.throwIfInvalid();
        org.toggleSuspension(call.requireSession(), id);
        return Results.ok();
    }
}
