package dev.breezeway.rest;

import dev.breezeway.auth.AuthService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /resources/login-locks} → {@code {"locks":[{"login":"ada@example.com","address":"203.0.113.7",
 * "failures":5,"minutesLeft":14}]}}; {@code DELETE /resources/login-locks/{login}} (optional
 * {@code address}) clears a login's locks → 204.
 */
public final class LoginLockResources {
    private final AuthService auth;

    public LoginLockResources(AuthService auth) {
        this.auth = auth;
    }

    public RestReply list(RestCall c) {
        List<Map<String, Object>> locks = auth.locks().stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("login", l.login().orElse(null));
            m.put("address", l.address().orElse(null));
            m.put("failures", l.failures());
            m.put("minutesLeft", l.minutesLeft());
            return m;
        }).toList();
        return RestReply.ok(Map.of("locks", locks));
    }

    public RestReply clear(RestCall c) {
        auth.clearLocks(Optional.of(c.path("login")), c.queryFirst("address").filter(a -> !a.isBlank()));
        return RestReply.noContent();
    }
}
