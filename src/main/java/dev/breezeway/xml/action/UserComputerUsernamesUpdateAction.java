package dev.breezeway.xml.action;

import dev.breezeway.org.OrgService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/** {@code user-computer-usernames-update} ({@code principal-id}, repeated {@code computer-username}): replaces the list; none clears it. */
public final class UserComputerUsernamesUpdateAction implements Action {
    private final OrgService org;

    public UserComputerUsernamesUpdateAction(OrgService org) {
        this.org = org;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
        long id = p.requiredId("principal-id");
        p.throwIfInvalid();
        org.setComputerUsernames(call.requireSession(), id, p.all("computer-username"));
        return Results.ok();
    }
}
