package dev.breezeway.rest;

import dev.breezeway.access.Grant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.iam.IamPrincipal;
import dev.breezeway.iam.IamService;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The JSON shapes of principals. Output is the seed's detail form (properties flattened):
 * {@code {"id","type":"principal","name","email","phone",…,"roles","acl":{"entries"},"accessAttributes",
 * "suspendedAt","lastActiveAt","createdAt","etag","passwordLogin","passwordExpiresAt","extLogin"}}. Input accepts
 * both the nested {@code properties} form and the flat one.
 */
final class PrincipalJson {
    private static final List<String> RESERVED = List.of("id", "type", "roles", "acl", "accessAttributes",
            "suspendedAt", "lastActiveAt", "createdAt", "etag", "passwordLogin", "passwordExpiresAt", "properties", "extLogin");

    private final ObjectMapper json;

    PrincipalJson(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The JSON detail of a principal, written straight to Jackson's generator (no map of it is built first):
     * {@code id, type, name, email, phone}, its dynamic properties (those not named like a field of the detail),
     * then {@code roles, acl {entries [{resource, permission}]}, accessAttributes, suspendedAt, lastActiveAt,
     * createdAt, etag, passwordLogin, passwordExpiresAt, extLogin}; absent values are {@code null}.
     */
    JsonSerializable detail(IamPrincipal p) {
        return new Detail(p);
    }

    private static final List<String> SHOWN_FIRST = List.of("id", "type", "name", "email", "phone");

    private static final class Detail extends JsonSerializable.Base {
        private final IamPrincipal p;

        Detail(IamPrincipal p) {
            this.p = p;
        }

        @Override
        public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            g.writeStringField("id", p.id().toString());
            g.writeStringField("type", "principal");
            g.writeStringField("name", p.name());
            text(g, "email", p.email());
            text(g, "phone", p.phone());
            for (Iterator<Map.Entry<String, JsonNode>> it = p.properties().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!SHOWN_FIRST.contains(e.getKey()) && !RESERVED.contains(e.getKey())) {
                    g.writeFieldName(e.getKey());
                    g.writeTree(e.getValue());
                }
            }
            g.writeArrayFieldStart("roles");
            for (String role : p.roles()) {
                g.writeString(role);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("acl");
            g.writeArrayFieldStart("entries");
            for (Grant a : p.acl()) {
                g.writeStartObject();
                g.writeStringField("resource", a.resource());
                g.writeStringField("permission", a.permission());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("accessAttributes");
            for (Map.Entry<String, List<String>> e : p.accessAttributes().entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (String v : e.getValue()) {
                    g.writeString(v);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            text(g, "suspendedAt", p.suspendedAt().map(Instant::toString));
            text(g, "lastActiveAt", p.lastActiveAt().map(Instant::toString));
            g.writeStringField("createdAt", p.createdAt().toString());
            g.writeStringField("etag", p.etag());
            g.writeBooleanField("passwordLogin", p.passwordLogin());
            text(g, "passwordExpiresAt", p.passwordExpiresAt().map(Instant::toString));
            text(g, "extLogin", p.extLogin());
            g.writeEndObject();
        }

        @Override
        public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer types)
                throws IOException {
            serialize(g, provider);
        }

        private static void text(JsonGenerator g, String name, Optional<String> value) throws IOException {
            if (value.isPresent()) {
                g.writeStringField(name, value.get());
            } else {
                g.writeNullField(name);
            }
        }
    }

    ObjectNode object(byte[] body) {
        try {
            JsonNode n = json.readTree(body);
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // reported below
        }
        throw ApiException.problem(Problem.INVALID_JSON, "body");
    }

    /** The properties of a body: its {@code properties} object merged over its flat keys. */
    ObjectNode properties(ObjectNode body) {
        ObjectNode props = json.createObjectNode();
        body.fields().forEachRemaining(e -> {
            if (!RESERVED.contains(e.getKey())) {
                props.set(e.getKey(), e.getValue());
            }
        });
        if (body.get("properties") instanceof ObjectNode nested) {
            nested.fields().forEachRemaining(e -> props.set(e.getKey(), e.getValue()));
        } else if (body.has("properties") && !body.get("properties").isNull()) {
            throw ApiException.problem(Problem.INVALID_JSON, "properties");
        }
        return props;
    }

    IamService.Replacement replacement(ObjectNode body) {
        ObjectNode props = properties(body);
        String name = text(props.remove("name")).orElse("");
        Optional<String> email = text(props.remove("email"));
        Optional<String> phone = text(props.remove("phone"));
        return new IamService.Replacement(name, email, phone, props, Optional.of(roles(body).orElse(List.of())),
                Optional.of(acl(body).orElse(List.of())), Optional.of(attributes(body).orElse(Map.of())));
    }

    /**
     * Removes and returns {@code clientUserId}, the API client's own id for a user it creates, sent
     * flat or inside {@code properties}; it is recorded with the client, never as a property.
     */
    Optional<String> takeClientUserId(ObjectNode body) {
        JsonNode flat = body.remove("clientUserId");
        JsonNode nested = body.get("properties") instanceof ObjectNode p ? p.remove("clientUserId") : null;
        JsonNode n = nested != null ? nested : flat;
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 255) {
            throw ApiException.invalid(Invalid.of("clientUserId", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        return Optional.of(n.asText().strip());
    }

    Optional<List<String>> roles(ObjectNode body) {
        JsonNode n = body.get("roles");
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isArray()) {
            throw ApiException.problem(Problem.INVALID_JSON, "roles");
        }
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(requireText(x, "roles")));
        return Optional.of(out);
    }

    /** ACL entries as {@code {"entries":[{"resource","permission"}]}}, a bare array of those, or {@code ["orders:*"]}. */
    Optional<List<Grant>> acl(ObjectNode body) {
        JsonNode n = body.get("acl");
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        JsonNode entries = n.isObject() ? n.get("entries") : n;
        if (entries == null || !entries.isArray()) {
            throw ApiException.problem(Problem.INVALID_JSON, "acl");
        }
        List<Grant> out = new ArrayList<>();
        for (JsonNode e : entries) {
            if (e.isTextual()) {
                out.add(Grant.parse(e.asText())
                        .orElseThrow(() -> ApiException.problem(Problem.INVALID_JSON, "acl")));
            } else if (e.isObject() && e.path("resource").isTextual() && e.path("permission").isTextual()) {
                out.add(new Grant(e.get("resource").asText(), e.get("permission").asText()));
            } else {
                throw ApiException.problem(Problem.INVALID_JSON, "acl");
            }
        }
        return Optional.of(out);
    }

    Optional<Map<String, List<String>>> attributes(ObjectNode body) {
        JsonNode n = body.get("accessAttributes");
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isObject()) {
            throw ApiException.problem(Problem.INVALID_JSON, "accessAttributes");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> values.add(requireText(v, "accessAttributes")));
            } else {
                values.add(requireText(e.getValue(), "accessAttributes"));
            }
            out.put(e.getKey(), values);
        });
        return Optional.of(out);
    }

    static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.problem(Problem.NOT_FOUND, "id");
        }
    }

    /** A body's {@code passwordLogin} (boolean) and {@code extLogin} (string; null or "" clears it), if sent. */
    dev.breezeway.principal.SignIn.Change signIn(ObjectNode body) {
        JsonNode pl = body.get("passwordLogin");
        if (pl != null && !pl.isNull() && !pl.isBoolean()) {
            throw ApiException.problem(Problem.INVALID_JSON, "passwordLogin");
        }
        JsonNode ext = body.get("extLogin");
        if (ext != null && !ext.isNull() && !ext.isTextual()) {
            throw ApiException.problem(Problem.INVALID_JSON, "extLogin");
        }
        return new dev.breezeway.principal.SignIn.Change(
                ext == null ? Optional.empty() : Optional.of(ext.isNull() ? "" : ext.asText()),
                pl == null || pl.isNull() ? Optional.empty() : Optional.of(pl.asBoolean()));
    }

    private static Optional<String> text(JsonNode n) {
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw ApiException.problem(Problem.INVALID_JSON, "properties");
        }
        return Optional.of(n.asText().strip()).filter(s -> !s.isEmpty());
    }

    private static String requireText(JsonNode n, String field) {
        if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 255) {
            throw ApiException.problem(Problem.INVALID_JSON, field);
        }
        return n.asText();
    }
}
