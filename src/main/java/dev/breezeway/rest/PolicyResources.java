package dev.breezeway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.Problem;
import dev.breezeway.principal.Expected;
import dev.breezeway.principal.Face;
import dev.breezeway.principal.PasswordRules;
import dev.breezeway.principal.Policies;
import dev.breezeway.session.Session;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET} and {@code PUT /resources/account/policies/{face}} ({@code xml} or {@code json}): one face's
 * login and password policy, e.g. {@code {"face": "json", "version": 3, "passwordMinLength": 8, …}}. A PUT
 * names what changes; with {@code If-Match: W/"3"} a stale version is 412 and nothing changes.
 */
public final class PolicyResources {
    private final Policies policies;
    private final PrincipalJson shapes;

    public PolicyResources(Policies policies, ObjectMapper json) {
        this.policies = policies;
        this.shapes = new PrincipalJson(json);
    }

    public RestReply get(RestCall c) {
        Face face = face(c);
        return RestReply.ok(json(face, policies.of(c.caller().accountId(), face)));
    }

    public RestReply put(RestCall c) {
        Session caller = c.caller();
        Face face = face(c);
        ObjectNode b = shapes.object(c.body());
        PasswordRules now = policies.of(caller.accountId(), face);
        PasswordRules next = new PasswordRules(
                bool(b, "loginIsEmail", now.loginIsEmail()),
                number(b, "passwordMinLength", now.minLength()),
                number(b, "passwordMaxLength", now.maxLength()),
                bool(b, "passwordRequiresDigit", now.requireDigit()),
                bool(b, "passwordRequiresCapital", now.requireUpper()),
                bool(b, "passwordRequiresLower", now.requireLower()),
                b.has("passwordSpecialCharacters") ? Optional.of(b.get("passwordSpecialCharacters"))
                        .filter(JsonNode::isTextual).map(JsonNode::asText).filter(s -> !s.isEmpty()) : now.specialChars(),
                bool(b, "passwordRefusesCommon", now.refuseCommon()),
                number(b, "passwordExpiryDays", now.expiryDays()),
                number(b, "passwordHistory", now.historyCount()),
                bool(b, "mailChosenPassword", now.mailChosenPassword()),
                now.version());
        long expected = c.expected().map(e -> e.or(now.version())).orElse(now.version());
        return RestReply.ok(json(face, policies.update(caller, face, next, expected)));
    }

    private static Face face(RestCall c) {
        return Face.fromWire(c.path("face")).orElseThrow(() -> ApiException.problem(Problem.NOT_FOUND, "face"));
    }

    private static boolean bool(ObjectNode b, String key, boolean now) {
        JsonNode v = b.get(key);
        if (v == null) {
            return now;
        }
        if (!v.isBoolean()) {
            throw ApiException.problem(Problem.INVALID_JSON, key);
        }
        return v.asBoolean();
    }

    private static int number(ObjectNode b, String key, int now) {
        JsonNode v = b.get(key);
        if (v == null) {
            return now;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw ApiException.problem(Problem.INVALID_JSON, key);
        }
        return v.asInt();
    }

    private static Map<String, Object> json(Face face, PasswordRules r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("face", face.wire());
        out.put("version", r.version());
        out.put("loginIsEmail", r.loginIsEmail());
        out.put("passwordMinLength", r.minLength());
        out.put("passwordMaxLength", r.maxLength());
        out.put("passwordRequiresDigit", r.requireDigit());
        out.put("passwordRequiresCapital", r.requireUpper());
        out.put("passwordRequiresLower", r.requireLower());
        out.put("passwordSpecialCharacters", r.specialChars().orElse(null));
        out.put("passwordRefusesCommon", r.refuseCommon());
        out.put("mailChosenPassword", r.mailChosenPassword());
        out.put("passwordExpiryDays", r.expiryDays());
        out.put("passwordHistory", r.historyCount());
        return out;
    }
}
