package dev.breezeway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.Problem;
import dev.breezeway.sso.SsoProvider;
import dev.breezeway.sso.SsoProviders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The account's OpenID Connect providers: {@code GET /resources/sso/providers} →
 * {@code {"providers":[{"slug":"corp","name":"Corp","issuer":"https://login.example.com","clientId":"breezeway",
 * "hasSecret":true,"scopes":"openid email profile","emailClaim":"email","linkByEmail":false,"jitProvision":false,
 * "enabled":true,"version":1,"loginUrl":"/sso/corp/login"}]}}; {@code GET/PUT/DELETE …/{slug}}. A PUT creates or
 * changes (absent keys keep their values; {@code "clientSecret": ""} removes the secret); the secret is never shown.
 */
public final class SsoResources {
    private final SsoProviders providers;
    private final PrincipalJson shapes;

    public SsoResources(SsoProviders providers, ObjectMapper json) {
        this.providers = providers;
        this.shapes = new PrincipalJson(json);
    }

    public RestReply list(RestCall c) {
        return RestReply.ok(Map.of("providers", providers.list(c.caller()).stream().map(SsoResources::shape).toList()));
    }

    public RestReply get(RestCall c) {
        return RestReply.ok(shape(providers.info(c.caller(), c.path("slug"))));
    }

    public RestReply put(RestCall c) {
        ObjectNode b = shapes.object(c.body());
        SsoProviders.Change change = new SsoProviders.Change(text(b, "name"), text(b, "issuer"), text(b, "clientId"),
                text(b, "clientSecret"), text(b, "scopes"), text(b, "emailClaim"), bool(b, "linkByEmail"),
                bool(b, "jitProvision"), bool(b, "enabled"));
        return RestReply.ok(shape(providers.update(c.caller(), c.path("slug"), change)));
    }

    public RestReply delete(RestCall c) {
        providers.delete(c.caller(), c.path("slug"));
        return RestReply.noContent();
    }

    private static Optional<String> text(ObjectNode b, String key) {
        JsonNode n = b.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw ApiException.problem(Problem.INVALID_JSON, key);
        }
        return Optional.of(n.asText());
    }

    private static Optional<Boolean> bool(ObjectNode b, String key) {
        JsonNode n = b.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isBoolean()) {
            throw ApiException.problem(Problem.INVALID_JSON, key);
        }
        return Optional.of(n.asBoolean());
    }

    static Map<String, Object> shape(SsoProvider p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", p.slug());
        m.put("name", p.name());
        m.put("issuer", p.issuer());
        m.put("clientId", p.clientId());
        m.put("hasSecret", p.hasSecret());
        m.put("scopes", p.scopes());
        m.put("emailClaim", p.emailClaim().orElse(null));
        m.put("linkByEmail", p.linkByEmail());
        m.put("jitProvision", p.jitProvision());
        m.put("enabled", p.enabled());
        m.put("version", p.version());
        m.put("loginUrl", "/sso/" + p.slug() + "/login");
        return m;
    }
}
