package dev.breezeway.rest;

import dev.breezeway.error.AccessSubcode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.Problem;
import dev.breezeway.principal.Expected;
import dev.breezeway.session.Session;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON request as a resource sees it: path parameters, query parameters (repeatable), the
 * If-Match header, the body and the caller's session, e.g. {@code PATCH /resources/iam/principals/{id}}.
 */
public record RestCall(Map<String, String> pathParams, Map<String, List<String>> query, Optional<String> ifMatch,
                       byte[] body, Optional<Session> session, Optional<String> userAgent, Optional<String> contentType,
                       String remoteAddress) {

    public String path(String name) {
        return pathParams.get(name);
    }

    public Optional<String> queryFirst(String name) {
        return Optional.ofNullable(query.get(name)).flatMap(l -> l.stream().findFirst());
    }

    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    /**
     * The version named by {@code If-Match}: {@code W/"7"} or {@code "7"} → 7, {@code *} → any; absent →
     * empty (a write to an existing principal then answers 428).
     *
     * @throws ApiException {@code PRECONDITION_FAILED} (412) for a value that names no version
     */
    public Optional<Expected> expected() {
        Optional<String> raw = ifMatch.map(String::strip).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.get().equals("*")) {
            return Optional.of(Expected.ANY);
        }
        String v = (raw.get().startsWith("W/") ? raw.get().substring(2) : raw.get()).replace("\"", "");
        try {
            return Optional.of(Expected.of(Long.parseLong(v)));
        } catch (NumberFormatException e) {
            throw ApiException.problem(Problem.PRECONDITION_FAILED, "If-Match");
        }
    }

    /** The logged-in caller. @throws ApiException {@code no-login} (401) without a live session */
    public Session caller() {
        return session.orElseThrow(() -> ApiException.noAccess(AccessSubcode.NO_LOGIN));
    }
}
