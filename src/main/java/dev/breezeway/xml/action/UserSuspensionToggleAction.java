package dev.breezeway.xml.action;

import dev.breezeway.org.OrgService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/** {@code user-suspension-toggle} ({@code principal-id}): ACTIVE ↔ SUSPENDED; suspending ends every session. */
public final class UserSuspensionToggleAction implements Action {
    private final OrgService org;

    public UserSuspensionToggleAction(OrgService org) {
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
