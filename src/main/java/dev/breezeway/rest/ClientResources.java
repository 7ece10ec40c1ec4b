package dev.breezeway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breezeway.client.ApiClient;
import dev.breezeway.client.ClientService;
import dev.breezeway.client.ClientUser;
import dev.breezeway.client.ClientUserService;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API-client routes: client administration under {@code /resources/clients…}, the seed's token
 * endpoint {@code POST /v1/admin/token} ({@code {"client_id","client_secret","type":"client"}} →
 * {@code {"expires_in":86400,"client_token":"…"}}) and its Admin API {@code /api/v1/users…}.
 */
public final class ClientResources {
    /** The seed's timestamps: UTC with milliseconds, e.g. {@code 2020-06-09T18:15:13.388Z}. */
    private static final DateTimeFormatter SEED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ClientService clients;
    private final ClientUserService users;
    private final PrincipalJson shapes;

    public ClientResources(ClientService clients, ClientUserService users, ObjectMapper json) {
        this.clients = clients;
        this.users = users;
        this.shapes = new PrincipalJson(json);
    }

    /** {@code POST /resources/clients} {@code {"name"}} → 201 {@code {"clientId","clientSecret","name"}}. */
    public RestReply create(RestCall c) {
        ObjectNode body = shapes.object(c.body());
        JsonNode name = body.get("name");
        if (name != null && !name.isNull() && !name.isTextual()) {
            throw ApiException.problem(Problem.INVALID_JSON, "name");
        }
        ClientService.Issued issued = clients.create(c.caller(), name == null || name.isNull() ? "" : name.asText());
        Map<String, Object> out = issued(issued);
        out.put("name", issued.client().name());
        return RestReply.status(201, out);
    }

    /** {@code GET /resources/clients} → {@code {"clients":[…]}}. */
    public RestReply list(RestCall c) {
        return RestReply.ok(Map.of("clients", clients.list(c.caller()).stream().map(ClientResources::client).toList()));
    }

    public RestReply get(RestCall c) {
        return RestReply.ok(client(clients.get(c.caller(), c.path("clientId"))));
    }

    /** {@code POST /resources/clients/{clientId}/rotate} → {@code {"clientId","clientSecret"}}. */
    public RestReply rotate(RestCall c) {
        return RestReply.ok(issued(clients.rotate(c.caller(), c.path("clientId"))));
    }

    /** {@code DELETE /resources/clients/{clientId}} → 204: the client and its tokens stop working. */
    public RestReply revoke(RestCall c) {
        clients.revoke(c.caller(), c.path("clientId"));
        return RestReply.noContent();
    }

    /** {@code PUT /resources/clients/{clientId}/roles} {@code {"roles":[…]}} → the client. */
    public RestReply putRoles(RestCall c) {
        ObjectNode body = shapes.object(c.body());
        List<String> roles = shapes.roles(body).orElseThrow(() -> ApiException.problem(Problem.INVALID_JSON, "roles"));
        return RestReply.ok(client(clients.setRoles(c.caller(), c.path("clientId"), roles)));
    }

    /**
     * {@code POST /v1/admin/token}: a {@code type} other than {@code client} is 400; wrong, unknown or
     * revoked credentials are 401 {@code INVALID_CLIENT}.
     */
    public RestReply token(RestCall c) {
        ObjectNode body = shapes.object(c.body());
        if (!"client".equals(body.path("type").asText(null))) {
            throw ApiException.invalid(Invalid.of("type", FieldType.STRING,
                    body.hasNonNull("type") ? InvalidSubcode.FORMAT : InvalidSubcode.MISSING));
        }
        List<Invalid> missing = new ArrayList<>();
        for (String field : List.of("client_id", "client_secret")) {
            if (!body.path(field).isTextual() || body.get(field).asText().isEmpty()) {
                missing.add(Invalid.of(field, FieldType.STRING, InvalidSubcode.MISSING));
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.invalid(missing);
        }
        String token = clients.issueToken(body.get("client_id").asText(), body.get("client_secret").asText(),
                c.userAgent());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("expires_in", ClientService.TOKEN_LIFETIME.toSeconds());
        out.put("client_token", token);
        return RestReply.ok(out);
    }

    /** {@code GET /api/v1/users}: the calling client's users in the seed's shape. */
    public RestReply users(RestCall c) {
        return RestReply.ok(users.list(c.caller()).stream().map(ClientResources::user).toList());
    }

    /** {@code GET /api/v1/users/{humanId}}. */
    public RestReply user(RestCall c) {
        return RestReply.ok(user(users.get(c.caller(), c.path("humanId"))));
    }

    /** {@code DELETE /api/v1/users/{humanId}}: soft deletion, 200 with an empty body as the seed answers. */
    public RestReply deleteUser(RestCall c) {
        users.delete(c.caller(), c.path("humanId"));
        return new RestReply(200, Optional.empty(), Map.of());
    }

    private static Map<String, Object> issued(ClientService.Issued i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", i.client().clientId());
        m.put("clientSecret", i.secret());
        return m;
    }

    private static Map<String, Object> client(ApiClient c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", c.clientId());
        m.put("name", c.name());
        m.put("roles", c.roles());
        m.put("createdAt", c.createdAt().toString());
        m.put("secretRotatedAt", c.secretRotatedAt().map(Instant::toString).orElse(null));
        return m;
    }

    private static Map<String, Object> user(ClientUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("firstName", u.firstName());
        m.put("lastName", u.lastName());
        m.put("clientUserId", u.clientUserId().orElse(null));
        m.put("clientUserEmail", u.email().orElse(null));
        m.put("humanId", u.humanId());
        m.put("createdAt", SEED_TIME.format(u.createdAt()));
        m.put("updatedAt", SEED_TIME.format(u.updatedAt()));
        m.put("status", u.status());
        return m;
    }
}
