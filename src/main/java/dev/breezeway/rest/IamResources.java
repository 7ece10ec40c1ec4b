package dev.breezeway.rest;

import dev.breezeway.access.Grant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breezeway.client.ClientUserService;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.iam.IamPrincipal;
import dev.breezeway.iam.IamService;
import dev.breezeway.iam.ListRequest;
import dev.breezeway.iam.PrincipalPage;
import dev.breezeway.session.SessionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The handlers of {@code /resources/iam/principals…} and {@code /resources/graph/query}. */
public final class IamResources {
    private final IamService iam;
    private final ClientUserService clientUsers;
    private final PrincipalJson shapes;

    public IamResources(IamService iam, ClientUserService clientUsers, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.iam = iam;
        this.clientUsers = clientUsers;
        this.shapes = new PrincipalJson(json);
    }

    public RestReply list(RestCall c) {
        int limit = c.queryFirst("limit").map(s -> integer("limit", s)).orElse(50);
        if (limit < 1 || limit > 100) {
            throw ApiException.invalid(Invalid.range("limit", FieldType.LONG, 1, 100));
        }
        String[] order = c.queryFirst("orderBy").orElse("name asc").strip().split("\\s+");
        ListRequest.Order by = ListRequest.Order.fromWire(order[0]).orElseThrow(
                () -> ApiException.invalid(Invalid.of("orderBy", FieldType.STRING, InvalidSubcode.FORMAT)));
        String dir = order.length > 1 ? order[1].toLowerCase(Locale.ROOT) : "asc";
        if (order.length > 2 || !(dir.equals("asc") || dir.equals("desc"))) {
            throw ApiException.invalid(Invalid.of("orderBy", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        List<String> roles = new ArrayList<>(c.queryAll("roles"));
        roles.addAll(c.queryAll("role"));
        boolean includeSuspended = c.queryFirst("includeSuspended").map(s -> s.equalsIgnoreCase("true")).orElse(false);
        ListRequest r = new ListRequest(limit, c.queryFirst("after").map(s -> cursor("after", s)),
                c.queryFirst("before").map(s -> cursor("before", s)), c.queryFirst("search").filter(s -> !s.isBlank()),
                roles, c.queryFirst("rolePrefix").filter(s -> !s.isEmpty()), includeSuspended, by, dir.equals("asc"));
        PrincipalPage page = iam.list(c.caller(), r);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("principals", page.items().stream().map(shapes::detail).toList());
        out.put("totalCount", page.totalCount());
        out.put("firstCursor", page.firstCursor().orElse(null));
        out.put("lastCursor", page.lastCursor().orElse(null));
        return RestReply.ok(out);
    }

    public RestReply get(RestCall c) {
        IamPrincipal p = iam.get(c.caller(), id(c));
        return withEtag(RestReply.ok(shapes.detail(p)), p);
    }

    public RestReply put(RestCall c) {
        ObjectNode body = shapes.object(c.body());
        Optional<String> clientUserId = shapes.takeClientUserId(body);
        IamService.Put result = clientUsers.put(c.caller(), id(c), shapes.replacement(body), c.expected(), clientUserId);
        return withEtag(RestReply.status(result.created() ? 201 : 200, shapes.detail(result.principal())), result.principal());
    }

    public RestReply patch(RestCall c) {
        ObjectNode body = shapes.object(c.body());
        ObjectNode props = shapes.properties(body);
        IamPrincipal p = iam.patch(c.caller(), id(c), props, shapes.roles(body), shapes.acl(body), shapes.attributes(body),
                c.expected(), shapes.signIn(body));
        return withEtag(RestReply.ok(shapes.detail(p)), p);
    }

    public RestReply delete(RestCall c) {
        iam.delete(c.caller(), id(c), c.expected());
        return RestReply.noContent();
    }

    public RestReply putRoles(RestCall c) {
        ObjectNode body = shapes.object(c.body());
        List<String> roles = shapes.roles(body).orElseThrow(() -> ApiException.problem(Problem.INVALID_JSON, "roles"));
        IamPrincipal p = iam.setRoles(c.caller(), id(c), roles, c.expected());
        return withEtag(RestReply.ok(shapes.detail(p)), p);
    }

    public RestReply putAcl(RestCall c) {
        ObjectNode body = shapes.object(c.body());
        List<Grant> acl = shapes.acl(body).orElseThrow(() -> ApiException.problem(Problem.INVALID_JSON, "acl"));
        IamPrincipal p = iam.setAcl(c.caller(), id(c), acl, c.expected());
        return withEtag(RestReply.ok(shapes.detail(p)), p);
    }

    public RestReply putAccessAttributes(RestCall c) {
        ObjectNode body = shapes.object(c.body());
        Map<String, List<String>> attrs = shapes.attributes(body)
                .orElseThrow(() -> ApiException.problem(Problem.INVALID_JSON, "accessAttributes"));
        IamPrincipal p = iam.setAccessAttributes(c.caller(), id(c), attrs, c.expected());
        return withEtag(RestReply.ok(shapes.detail(p)), p);
    }

    public RestReply suspend(RestCall c) {
        IamPrincipal p = iam.suspend(c.caller(), id(c), c.expected());
        return withEtag(RestReply.ok(shapes.detail(p)), p);
    }

    public RestReply reactivate(RestCall c) {
        IamPrincipal p = iam.reactivate(c.caller(), id(c), c.expected());
        return withEtag(RestReply.ok(shapes.detail(p)), p);
    }

    public RestReply sessions(RestCall c) {
        Optional<Long> current = c.session().map(s -> s.sessionId());
        List<Map<String, Object>> out = new ArrayList<>();
        boolean includeRevoked = c.queryFirst("includeRevoked").filter("true"::equalsIgnoreCase).isPresent();
        for (SessionStore.Listed s : iam.sessionsOf(c.caller(), id(c), includeRevoked)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.publicId().toString());
            m.put("type", s.type());
            m.put("createdAt", s.createdAt().toString());
            m.put("accessTokenExpiresAt", s.expiresAt().toString());
            m.put("isCurrent", current.map(id -> id == s.sessionId()).orElse(false));
            m.put("isRevoked", s.revokedAt().isPresent());
            m.put("revokedAt", s.revokedAt().map(Instant::toString).orElse(null));
            m.put("clientId", s.clientId().orElse(null));
            m.put("clientName", s.clientName().orElse(null));
            m.put("description", UserAgents.describe(s.userAgent()));
            out.add(m);
        }
        return RestReply.ok(out);
    }

    public RestReply revokeSession(RestCall c) {
        UUID sid;
        try {
            sid = UUID.fromString(c.path("sessionId"));
        } catch (IllegalArgumentException e) {
            throw ApiException.problem(Problem.NOT_FOUND, "sessionId");
        }
        iam.revokeSession(c.caller(), id(c), sid);
        return RestReply.noContent();
    }

    /** {@code {"resource":"identity","filters":[{"field","op","value"}],"limit"}} → {@code {"resource","items","count"}}. */
    public RestReply graphQuery(RestCall c) {
        ObjectNode body = shapes.object(c.body());
        if (!"identity".equals(body.path("resource").asText())) {
            throw ApiException.invalid(Invalid.of("resource", FieldType.STRING, InvalidSubcode.NO_SUCH_ITEM));
        }
        List<IamService.GraphFilter> filters = new ArrayList<>();
        JsonNode fs = body.path("filters");
        if (!fs.isMissingNode() && !fs.isArray()) {
            throw ApiException.problem(Problem.INVALID_JSON, "filters");
        }
        for (JsonNode f : fs) {
            if (!f.path("field").isTextual() || !f.path("op").isTextual() || !f.path("value").isTextual()) {
                throw ApiException.problem(Problem.INVALID_JSON, "filters");
            }
            filters.add(new IamService.GraphFilter(f.get("field").asText(), f.get("op").asText(), f.get("value").asText()));
        }
        int limit = body.path("limit").isInt() ? body.get("limit").asInt() : 1000;
        if (limit < 1 || limit > 10_000) {
            throw ApiException.invalid(Invalid.range("limit", FieldType.LONG, 1, 10_000));
        }
        List<IamPrincipal> found = iam.query(c.caller(), filters, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("resource", "identity");
        out.put("items", found.stream().map(shapes::detail).toList());
        out.put("count", found.size());
        return RestReply.ok(out);
    }

    private static RestReply withEtag(RestReply r, IamPrincipal p) {
        return r.withHeader("ETag", p.etag());
    }

    private static UUID id(RestCall c) {
        return PrincipalJson.uuid(c.path("id"));
    }

    private static UUID cursor(String name, String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(Invalid.of(name, FieldType.STRING, InvalidSubcode.FORMAT));
        }
    }

    private static int integer(String name, String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(Invalid.of(name, FieldType.LONG, InvalidSubcode.FORMAT));
        }
    }
}
