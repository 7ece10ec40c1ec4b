package dev.breezeway.xml.action;

import dev.breezeway.auth.AuthService;
import dev.breezeway.auth.LoginThrottle;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.LoginLocksXml;

/**
 * {@code login-lock-list}: the login locks in force now,
 * {@code <login-locks><lock login address failures minutes-left/>…</login-locks>}, oldest first.
 */
public final class LoginLockListAction implements Action {
    private final AuthService auth;

    public LoginLockListAction(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public Results handle(Call call) {
        call.params().throwIfInvalid();
        LoginLocksXml out = new LoginLocksXml();
        for (LoginThrottle.Lock l : auth.locks()) {
            LoginLocksXml.Entry e = new LoginLocksXml.Entry();
            e.login = l.login().orElse(null);
            e.address = l.address().orElse(null);
            e.failures = Integer.toString(l.failures());
            e.minutesLeft = Integer.toString(l.minutesLeft());
            out.locks.add(e);
        }
        return Results.ok(out);
    }
}
