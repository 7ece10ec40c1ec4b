package dev.breezeway.xml.action;

import dev.breezeway.principal.Memberships;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/** {@code policy-membership-update} ({@code policy-id}, {@code principal-id}, {@code is-member}); guests are refused. */
public final class PolicyMembershipUpdateAction implements Action {
    private final Memberships org;

    public PolicyMembershipUpdateAction(Memberships org) {
        this.org = org;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
        long policy = p.requiredId("policy-id");
        long user = p.requiredId("principal-id");
        boolean member = p.optionalBool("is-member").orElse(true);
        p.throwIfInvalid();
        org.policyMembership(call.requireSession(), policy, user, member);
        return Results.ok();
    }
}
