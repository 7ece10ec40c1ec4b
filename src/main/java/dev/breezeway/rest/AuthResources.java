package dev.breezeway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breezeway.auth.AuthService;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.Problem;
import dev.breezeway.http.ClientLink;
import dev.breezeway.iam.IamService;
import dev.breezeway.session.SessionService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /resources/auth/login} ({@code {"login"|"email", "password"}} → a bearer token),
 * {@code POST /resources/auth/logout}, {@code GET /resources/me} and {@code POST /resources/me/password}.
 */
public final class AuthResources {
    private final AuthService auth;
    private final SessionService sessions;
    private final IamService iam;
    private final PrincipalJson shapes;

    public AuthResources(AuthService auth, SessionService sessions, IamService iam,
                         com.fasterxml.jackson.databind.ObjectMapper json) {
        this.auth = auth;
        this.sessions = sessions;
        this.iam = iam;
        this.shapes = new PrincipalJson(json);
    }

    public RestReply login(RestCall c) {
        ObjectNode body = shapes.object(c.body());
        String login = body.path("login").isTextual() ? body.get("login").asText()
                : body.path("email").asText("");
        String password = body.path("password").asText("");
        if (login.isBlank() || password.isEmpty()) {
            throw ApiException.problem(Problem.INVALID_CREDENTIALS, "login");
        }
        String token;
        try {
            token = auth.login(new AuthService.LoginRequest(login.strip(), password, Optional.empty(), Optional.empty(),
                    c.userAgent(), c.remoteAddress(), ClientLink.NONE));
        } catch (ApiException e) {
            if (e.problemKind().isEmpty() && e.code() == dev.breezeway.error.StatusCode.NO_DATA) {
                throw ApiException.problem(Problem.INVALID_CREDENTIALS, "login");
            }
            throw e;
        }
        boolean mustChange = sessions.resolve(token).map(s -> s.mustChangePassword()).orElse(false);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", token);
        out.put("tokenType", "Bearer");
        out.put("expiresIn", sessions.idleTimeout().toSeconds());
        out.put("passwordChangeRequired", mustChange);
        return RestReply.ok(out);
    }

    public RestReply logout(RestCall c) {
        auth.logout(c.caller());
        return RestReply.noContent();
    }

    public RestReply me(RestCall c) {
        return RestReply.ok(shapes.detail(iam.me(c.caller())));
    }

    public RestReply changePassword(RestCall c) {
        ObjectNode body = shapes.object(c.body());
        if (!body.path("currentPassword").isTextual() || !body.path("newPassword").isTextual()) {
            throw ApiException.problem(Problem.INVALID_JSON, "body");
        }
        iam.changeOwnPassword(c.caller(), body.get("currentPassword").asText(), body.get("newPassword").asText());
        return RestReply.noContent();
    }
}
