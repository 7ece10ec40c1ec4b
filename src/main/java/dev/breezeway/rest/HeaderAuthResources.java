package dev.breezeway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breezeway.auth.HeaderAuth;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP header authentication's settings: {@code GET /resources/auth/header-auth} →
 * {@code {"headerName":"X-Remote-User","enabled":true,"source":"database","trusted":["10.0.0.5"]}};
 * {@code PUT} with {@code {"headerName","trusted"}} (an absent key keeps its value; a null or empty
 * {@code headerName} turns it off) changes them; {@code DELETE} goes back to the start-up values.
 */
public final class HeaderAuthResources {
    private final HeaderAuth headerAuth;
    private final PrincipalJson shapes;

    public HeaderAuthResources(HeaderAuth headerAuth, ObjectMapper json) {
        this.headerAuth = headerAuth;
        this.shapes = new PrincipalJson(json);
    }

    public RestReply get(RestCall c) {
        return RestReply.ok(shape(headerAuth.current()));
    }

    public RestReply put(RestCall c) {
        ObjectNode body = shapes.object(c.body());
        JsonNode h = body.get("headerName");
        if (h != null && !h.isNull() && !h.isTextual()) {
            throw ApiException.problem(Problem.INVALID_JSON, "headerName");
        }
        JsonNode t = body.get("trusted");
        Optional<List<String>> trusted = Optional.empty();
        if (t != null) {
            if (!t.isArray()) {
                throw ApiException.problem(Problem.INVALID_JSON, "trusted");
            }
            List<String> list = new ArrayList<>();
            for (JsonNode e : t) {
                if (!e.isTextual()) {
                    throw ApiException.problem(Problem.INVALID_JSON, "trusted");
                }
                list.add(e.asText().strip());
            }
            trusted = Optional.of(list);
        }
        Optional<String> header = h == null ? Optional.empty() : Optional.of(h.isNull() ? "" : h.asText());
        return RestReply.ok(shape(headerAuth.update(c.caller(), header, trusted)));
    }

    public RestReply reset(RestCall c) {
        return RestReply.ok(shape(headerAuth.reset(c.caller())));
    }

    private static Map<String, Object> shape(HeaderAuth.Current current) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("headerName", current.settings().header().orElse(null));
        m.put("enabled", current.settings().enabled());
        m.put("source", current.stored() ? "database" : "start-up");
        m.put("trusted", current.settings().trusted());
        return m;
    }
}
