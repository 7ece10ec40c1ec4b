package dev.breezeway.xml.action;

import dev.breezeway.principal.Lifecycle;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/** {@code guest-promote} ({@code principal-id}): a GUEST becomes a regular user. */
public final class GuestPromoteAction implements Action {
    private final Lifecycle org;

    public GuestPromoteAction(Lifecycle org) {
        this.org = org;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
        long id = p.requiredId("principal-id");
        p.throwIfInvalid();
        org.promoteGuest(call.requireSession(), id);
        return Results.ok();
    }
}
