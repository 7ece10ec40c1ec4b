package dev.breezeway.xml.action;

import dev.breezeway.auth.AuthService;
import dev.breezeway.session.SessionService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/** {@code logout}: ends the presented session; the token is refused from then on. Always {@code ok}. */
public final class LogoutAction implements Action {
    private final SessionService sessions;
    private final AuthService auth;

    public LogoutAction(SessionService sessions, AuthService auth) {
        this.sessions = sessions;
        this.auth = auth;
    }

    @Override
    public Results handle(Call call) {
        if (call.session().isPresent()) {
            auth.logout(call.session().get());  // recorded in the audit trail
        } else {
            call.presentedToken().ifPresent(sessions::end);
        }
        return Results.ok();
    }
}
