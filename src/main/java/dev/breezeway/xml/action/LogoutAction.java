package dev.breezeway.xml.action;

import dev.breezeway.session.SessionService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/** {@code logout}: ends the presented session; the token is refused from then on. Always {@code ok}. */
public final class LogoutAction implements Action {
    private final SessionService sessions;

    public LogoutAction(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public Results handle(Call call) {
        call.presentedToken().ifPresent(sessions::end);
        return Results.ok();
    }
}
