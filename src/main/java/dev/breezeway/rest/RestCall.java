package dev.breezeway.rest;

import dev.breezeway.error.AccessSubcode;
import dev.breezeway.error.ApiException;
import dev.breezeway.session.Session;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON request as a resource sees it: path parameters, query parameters (repeatable), the
 * If-Match header, the body and the caller's session, e.g. {@code PATCH /resources/iam/principals/{id}}.
 */
public record RestCall(Map<String, String> pathParams, Map<String, List<String>> query, Optional<String> ifMatch,
                       byte[] body, Optional<Session> session, Optional<String> userAgent, Optional<String> contentType) {

    public String path(String name) {
        return pathParams.get(name);
    }

    public Optional<String> queryFirst(String name) {
        return Optional.ofNullable(query.get(name)).flatMap(l -> l.stream().findFirst());
    }

    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** The logged-in caller. @throws ApiException {@code no-login} (401) without a live session */
    public Session caller() {
        return session.orElseThrow(() -> ApiException.noAccess(AccessSubcode.NO_LOGIN));
    }
}
