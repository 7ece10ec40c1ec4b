package dev.breezeway.xml.action;

import dev.breezeway.principal.Memberships;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/** {@code policy-update} ({@code name}): creates the policy if needed → {@code <policy policy-id name/>}. */
public final class PolicyUpdateAction implements Action {
    private final Memberships org;

    public PolicyUpdateAction(Memberships org) {
        this.org = org;
    }

    @Override
    public Results handle(Call call) {
        String name = call.params().requiredText("name", 1, 255);
        call.params().throwIfInvalid();
        long id = org.policy(call.requireSession(), name);
        dev.breezeway.xml.model.PolicyXml x = new dev.breezeway.xml.model.PolicyXml();
        x.policyId = Long.toString(id);
        x.name = name;
        return Results.ok(x);
    }
}
