package dev.breezeway.xml;

import dev.breezeway.session.Session;
import java.util.Optional;

/**
 * Everything an action may know about the request: its parameters, the session token the client
 * presented (cookie or {@code session=}), the session it resolved to, and facts about the request.
 */
public record Call(Params params, Optional<String> presentedToken, Optional<Session> session, RequestInfo request) {

    /** The logged-in session; only call from actions whose access is LOGGED_IN or ADMIN. */
    public Session requireSession() {
        return session.orElseThrow(() -> new IllegalStateException("action registered without login"));
    }
}
