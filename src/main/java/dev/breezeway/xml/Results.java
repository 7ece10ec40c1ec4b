package dev.breezeway.xml;

import java.util.List;
import java.util.Optional;

/**
 * A successful outcome: {@code <status code="ok"/>} followed by payload elements (JAXB-bound objects),
 * and optionally a session cookie to set, e.g. after {@code login}.
 */
public final class Results {
    private final List<Object> payload;
    private final Optional<String> sessionCookie;

    private Results(List<Object> payload, Optional<String> sessionCookie) {
        this.payload = List.copyOf(payload);
        this.sessionCookie = sessionCookie;
    }

    public static Results ok() {
        return new Results(List.of(), Optional.empty());
    }

    public static Results ok(Object... payload) {
        return new Results(List.of(payload), Optional.empty());
    }

    public Results withSessionCookie(String token) {
        return new Results(payload, Optional.of(token));
    }

    public List<Object> payload() {
        return payload;
    }

    public Optional<String> sessionCookie() {
        return sessionCookie;
    }
}
