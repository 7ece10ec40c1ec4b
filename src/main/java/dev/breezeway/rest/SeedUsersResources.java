package dev.breezeway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.role.Role;
import dev.breezeway.role.RoleService;
import dev.breezeway.user.UserService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Seed 002's user and role API at its own paths ({@code /auth/users…}, {@code /auth/roles…}) with its
 * request and response fields, so an integration written for it only changes its base URL.
 */
public final class SeedUsersResources {
    private final UserService users;
    private final RoleService roles;
    private final ObjectMapper json;

    public SeedUsersResources(UserService users, RoleService roles, ObjectMapper json) {
        this.users = users;
        this.roles = roles;
        this.json = json;
    }

    public RestReply createUser(RestCall c) {
        ObjectNode b = object(c);
        UserService.User u = users.create(c.caller(), new UserService.NewUser(text(b, "firstName", true),
                text(b, "lastName", true), text(b, "userName", true), text(b, "password", true),
                b.path("temporaryPassword").asBoolean(false), Optional.ofNullable(optText(b, "email")),
                strings(b, "roles"), strings(b, "tenants")));
        return RestReply.status(201, user(u));
    }

    public RestReply whoami(RestCall c) {
        return RestReply.ok(user(users.whoami(c.caller())));
    }

    public RestReply byUserName(RestCall c) {
        return RestReply.ok(users.byUserName(c.caller(), c.path("username")).stream().map(this::user).toList());
    }

    public RestReply getUser(RestCall c) {
        return RestReply.ok(user(users.get(c.caller(), locator(c))));
    }

    public RestReply listUsers(RestCall c) {
        UserService.Page p = users.list(c.caller(), offset(c), count(c, 100));
        return RestReply.ok(Map.of("listCompleted", p.listCompleted(), "items", p.items().stream().map(this::user).toList()));
    }

    public RestReply listBasicUsers(RestCall c) {
        UserService.Page p = users.list(c.caller(), offset(c), count(c, 1000));
        List<Map<String, Object>> items = new ArrayList<>();
        for (UserService.User u : p.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("locator", u.locator().toString());
            m.put("userName", u.userName());
            m.put("firstName", u.firstName());
            m.put("lastName", u.lastName());
            items.add(m);
        }
        return RestReply.ok(Map.of("listCompleted", p.listCompleted(), "items", items));
    }

    public RestReply updateUser(RestCall c) {
        ObjectNode b = object(c);
        UserService.User u = users.update(c.caller(), locator(c), text(b, "firstName", true), text(b, "lastName", true),
                Optional.ofNullable(optText(b, "email")), optStrings(b, "roles"), optStrings(b, "tenants"),
                optStrings(b, "permissions"));
        return RestReply.ok(user(u));
    }

    /** The body is the new password, as a JSON string (or plain text). */
    public RestReply resetPassword(RestCall c) {
        String password;
        try {
            JsonNode n = json.readTree(c.body());
            password = n != null && n.isTextual() ? n.asText() : n != null && n.path("password").isTextual()
                    ? n.get("password").asText() : new String(c.body(), java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            password = new String(c.body(), java.nio.charset.StandardCharsets.UTF_8).strip();
        }
        if (password.isEmpty()) {
            throw ApiException.problem(Problem.INVALID_JSON, "body");
        }
        users.resetPassword(c.caller(), locator(c), password);
        return RestReply.noContent();
    }

    public RestReply deleteUser(RestCall c) {
        users.delete(c.caller(), locator(c));
        return RestReply.noContent();
    }

    public RestReply userPermissions(RestCall c) {
        return RestReply.ok(users.permissions(c.caller(), locator(c)));
    }

    public RestReply userRoles(RestCall c) {
        ObjectNode b = object(c);
        return RestReply.ok(user(users.changeRoles(c.caller(), locator(c), strings(b, "addRoles"), strings(b, "removeRoles"))));
    }

    public RestReply userTenants(RestCall c) {
        ObjectNode b = object(c);
        return RestReply.ok(user(users.changeTenants(c.caller(), locator(c), strings(b, "addTenants"),
                strings(b, "removeTenants"))));
    }

    public RestReply createRole(RestCall c) {
        ObjectNode b = object(c);
        Role r = roles.create(c.caller(), text(b, "name", true), Optional.ofNullable(optText(b, "description")),
                strings(b, "permissions"));
        return RestReply.status(201, role(r));
    }

    public RestReply getRole(RestCall c) {
        return RestReply.ok(role(roles.get(c.caller(), c.path("locator"))));
    }

    public RestReply updateRole(RestCall c) {
        ObjectNode b = object(c);
        if (!b.path("version").canConvertToLong()) {
            throw ApiException.invalid(Invalid.of("version", FieldType.LONG, InvalidSubcode.MISSING));
        }
        Role r = roles.update(c.caller(), c.path("locator"), b.get("version").asLong(),
                Optional.ofNullable(optText(b, "name")), Optional.ofNullable(optText(b, "description")),
                strings(b, "addPermissions"), strings(b, "removePermissions"));
        return RestReply.ok(role(r));
    }

    public RestReply listRoles(RestCall c) {
        RoleService.Page p = roles.list(c.caller(), offset(c), count(c, 100));
        return RestReply.ok(Map.of("listCompleted", p.listCompleted(), "items", p.items().stream().map(this::role).toList()));
    }

    public RestReply deleteRole(RestCall c) {
        roles.delete(c.caller(), c.path("locator"));
        return RestReply.noContent();
    }

    public RestReply permissionCatalogue(RestCall c) {
        return RestReply.ok(roles.catalogue(c.caller()));
    }

    private Map<String, Object> user(UserService.User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("locator", u.locator().toString());
        m.put("firstName", u.firstName());
        m.put("lastName", u.lastName());
        m.put("userName", u.userName());
        m.put("tenants", u.tenants());
        m.put("email", u.email().orElse(null));
        m.put("permissions", u.permissions());
        m.put("roles", u.roles());
        return m;
    }

    private Map<String, Object> role(Role r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("locator", r.locator().toString());
        m.put("name", r.name());
        m.put("description", r.description().orElse(""));
        m.put("version", r.version());
        m.put("createdAt", r.createdAt().toString());
        m.put("createdBy", r.createdBy().map(UUID::toString).orElse(null));
        m.put("permissions", r.permissions());
        return m;
    }

    private ObjectNode object(RestCall c) {
        try {
            if (json.readTree(c.body()) instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // reported below
        }
        throw ApiException.problem(Problem.INVALID_JSON, "body");
    }

    private static String text(ObjectNode b, String field, boolean required) {
        String v = optText(b, field);
        if (v == null && required) {
            throw ApiException.invalid(Invalid.of(field, FieldType.STRING, InvalidSubcode.MISSING));
        }
        return v;
    }

    private static String optText(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.invalid(Invalid.of(field, FieldType.STRING, InvalidSubcode.FORMAT));
        }
        return n.asText().isBlank() ? null : n.asText().strip();
    }

    private static List<String> strings(ObjectNode b, String field) {
        return optStrings(b, field).orElse(List.of());
    }

    private static Optional<List<String>> optStrings(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isArray()) {
            throw ApiException.invalid(Invalid.of(field, FieldType.STRING, InvalidSubcode.FORMAT));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : n) {
            if (!x.isTextual() || x.asText().isBlank()) {
                throw ApiException.invalid(Invalid.of(field, FieldType.STRING, InvalidSubcode.FORMAT));
            }
            out.add(x.asText());
        }
        return Optional.of(out);
    }

    private static UUID locator(RestCall c) {
        try {
            return UUID.fromString(c.path("locator"));
        } catch (IllegalArgumentException e) {
            throw ApiException.problem(Problem.NOT_FOUND, "locator");
        }
    }

    private static int offset(RestCall c) {
        int v = c.queryFirst("offset").map(s -> parse("offset", s)).orElse(0);
        if (v < 0) {
            throw ApiException.invalid(Invalid.range("offset", FieldType.LONG, 0, Integer.MAX_VALUE));
        }
        return v;
    }

    private static int count(RestCall c, int max) {
        int v = c.queryFirst("count").map(s -> parse("count", s)).orElse(Math.min(50, max));
        if (v < 1 || v > max) {
            throw ApiException.invalid(Invalid.range("count", FieldType.LONG, 1, max));
        }
        return v;
    }

    private static int parse(String name, String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(Invalid.of(name, FieldType.LONG, InvalidSubcode.FORMAT));
        }
    }
}
