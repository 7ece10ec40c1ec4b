package dev.breezeway.xml.action;

import dev.breezeway.principal.Face;
import dev.breezeway.principal.PasswordRules;
import dev.breezeway.principal.Policies;
import dev.breezeway.session.Session;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.Optional;

/**
 * {@code account-policy-update}: changes what it names of one face's policy, e.g.
 * {@code face=xml&password-min-length=8&password-requires-digit=true&password-history=3} → the new
 * {@code <account-policy>}. With {@code version} (from the info) a stale one is {@code illegal-operation}
 * on {@code version} and nothing changes; an out-of-bounds value is {@code range} on its parameter.
 */
public final class AccountPolicyUpdateAction implements Action {
    private final Policies policies;

    public AccountPolicyUpdateAction(Policies policies) {
        this.policies = policies;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        Face face = AccountPolicyXmls.face(p);
        PasswordRules now = policies.of(caller.accountId(), face);
        Optional<Integer> version = AccountPolicyXmls.number(p, "version");
        PasswordRules next = new PasswordRules(
                p.optionalBool("login-is-email").orElse(now.loginIsEmail()),
                AccountPolicyXmls.number(p, "password-min-length").orElse(now.minLength()),
                AccountPolicyXmls.number(p, "password-max-length").orElse(now.maxLength()),
                p.optionalBool("password-requires-digit").orElse(now.requireDigit()),
                p.optionalBool("password-requires-capital").orElse(now.requireUpper()),
                p.optionalBool("password-requires-lower").orElse(now.requireLower()),
                p.has("password-special-characters")
                        ? p.first("password-special-characters").filter(s -> !s.isEmpty()) : now.specialChars(),
                p.optionalBool("password-refuses-common").orElse(now.refuseCommon()),
                AccountPolicyXmls.number(p, "password-expiry-days").orElse(now.expiryDays()),
                AccountPolicyXmls.number(p, "password-history").orElse(now.historyCount()),
                p.optionalBool("mail-chosen-password").orElse(now.mailChosenPassword()),
                now.version());
        p.throwIfInvalid();
        long expected = version.map(Integer::longValue).orElse(now.version());
        return Results.ok(AccountPolicyXmls.xml(face, IamMirrors.run(() -> policies.update(caller, face, next, expected))));
    }
}
