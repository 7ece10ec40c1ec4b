package dev.breezeway.xml.action;

import dev.breezeway.principal.Face;
import dev.breezeway.principal.Policies;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/**
 * {@code account-policy-info} ({@code face}: {@code xml}, the default, or {@code json}) → the face's login
 * and password policy, {@code <account-policy face="xml" version="0" password-min-length="4" …/>}.
 */
public final class AccountPolicyInfoAction implements Action {
    private final Policies policies;

    public AccountPolicyInfoAction(Policies policies) {
        this.policies = policies;
    }

    @Override
    public Results handle(Call call) {
        Face face = AccountPolicyXmls.face(call.params());
        call.params().throwIfInvalid();
        return Results.ok(AccountPolicyXmls.xml(face, policies.of(call.requireSession().accountId(), face)));
    }
}
