package dev.breezeway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.org.OrgService;
import dev.breezeway.principal.Lifecycle;
import dev.breezeway.access.Rank;
import dev.breezeway.xml.Params;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 004's organisation routes at its own paths ({@code /modifyrank}, {@code /modifysmartcard}, …):
 * bodies form-encoded (lists as JSON arrays in a field) or JSON, answers {@code {"success": …}} or
 * {@code {"error": …}}. A user is named by {@code email_id} (the Breeze principal-id).
 */
public final class OrgResources {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private final OrgService org;
    private final Lifecycle lifecycle;
    private final ObjectMapper json;

    public OrgResources(OrgService org, Lifecycle lifecycle, ObjectMapper json) {
        this.lifecycle = lifecycle;
        this.org = org;
        this.json = json;
    }

    public RestReply modifyAllUsernames(RestCall c) {
        Map<String, JsonNode> in = input(c);
        long id = id(in, "email_id");
        List<String> names = new ArrayList<>();
        for (JsonNode n : list(in, "computer_usernames")) {
            if (!n.path("computer_username").isTextual()) {
                throw bad("computer_usernames", "Each entry needs a computer_username");
            }
            names.add(n.get("computer_username").asText());
        }
        org.setComputerUsernames(c.caller(), id, names);
        return success("Computer usernames updated");
    }

    public RestReply modifyRank(RestCall c) {
        Map<String, JsonNode> in = input(c);
        long id = id(in, "admin_user_id");
        Rank rank = Rank.parse(text(in, "rank")).orElseThrow(() -> bad("rank", "rank must be REGULAR, ADMIN or SUPER"));
        lifecycle.setRank(c.caller(), id, rank);
        return success("Rank updated to " + rank.name());
    }

    public RestReply getSmartcards(RestCall c) {
        long id = id(input(c), "email_id");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("email_id", id);
        out.put("smartcards", org.smartcards(c.caller(), id).stream().map(OrgResources::card).toList());
        return RestReply.ok(out);
    }

    public RestReply modifySmartcards(RestCall c) {
        Map<String, JsonNode> in = input(c);
        long id = id(in, "email_id");
        List<OrgService.Smartcard> cards = new ArrayList<>();
        for (JsonNode n : list(in, "smartcards")) {
            JsonNode number = n.path("number");
            if (!(number.isTextual() || number.isIntegralNumber())) {
                throw bad("smartcards", "Each smartcard needs a number");
            }
            cards.add(new OrgService.Smartcard(number.asText(),
                    n.path("label").isTextual() ? Optional.of(n.get("label").asText()) : Optional.empty()));
        }
        boolean allowDuplicates = in.containsKey("allow_duplicates") && bool(in.get("allow_duplicates"));
        org.setSmartcards(c.caller(), id, cards, allowDuplicates);
        return success("Smartcards updated");
    }

    public RestReply multipleUsers(RestCall c) {
        Map<String, JsonNode> in = input(c);
        boolean emailAsName = in.containsKey("email") && bool(in.get("email"));
        boolean guests = in.containsKey("user_tag") && "GUEST".equalsIgnoreCase(in.get("user_tag").asText());
        c.caller();
        List<Map<String, Object>> out = new ArrayList<>();
        for (OrgService.OrgUser u : org.list(c.caller(), guests)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ad_status", u.suspended() ? "SUSPENDED" : "ACTIVE");
            m.put("active_date", u.lastActive().map(DATE::format).orElse(null));
            m.put("confirmed", DATE.format(u.created()));
            m.put("created", DATE.format(u.created()));
            m.put("device_added", null);
            m.put("email", u.email().orElse(null));
            m.put("email_id", u.id());
            m.put("email_status", u.email().isPresent() ? "CONFIRMED" : "NONE");
            m.put("first_name", u.firstName());
            m.put("groups", u.groups().stream().map(List::of).toList());
            m.put("last_name", u.lastName());
            m.put("name", emailAsName ? u.email().orElse(u.name()) : u.name());
            m.put("user_id", u.id());
            m.put("username", u.login());
            m.put("unique_id", u.uuid());
            m.put("user_tag", u.guest() ? "GUEST" : "USER");
            m.put("rank", u.rank().name());
            out.add(m);
        }
        return RestReply.ok(out);
    }

    public RestReply promoteGuest(RestCall c) {
        lifecycle.promoteGuest(c.caller(), id(input(c), "email_id"));
        return success("User promoted from GUEST to USER");
    }

    public RestReply toggleSuspension(RestCall c) {
        boolean suspended = lifecycle.toggleSuspension(c.caller(), id(input(c), "email_id"));
        return success(suspended ? "User is now SUSPENDED" : "User is now ACTIVE");
    }

    public RestReply getUser(RestCall c) {
        OrgService.Detail d = org.detail(c.caller(), id(input(c), "email_id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("policies", d.policies().stream().map(List::of).toList());
        out.put("computer_usernames", d.computerUsernames());
        out.put("smartcards", d.smartcards().stream().map(OrgResources::card).toList());
        return RestReply.ok(out);
    }

    public RestReply deleteUser(RestCall c) {
        Map<String, JsonNode> in = input(c);
        long id = in.containsKey("email_id") ? id(in, "email_id")
                : in.containsKey("email") ? org.idByEmail(c.caller(), text(in, "email"))
                : id(in, "email_id");
        String who = org.describe(c.caller(), id);
        lifecycle.removeFromOrganisation(c.caller(), id);
        return success("User " + who + " was successfully deleted from your organization.");
    }

    private static Map<String, Object> card(OrgService.Smartcard s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", s.label().orElse(null));
        m.put("number", s.number());
        return m;
    }

    private static RestReply success(String message) {
        return RestReply.ok(Map.of("success", message));
    }

    /** Query parameters, then the body (JSON object, or form fields whose list values are JSON text). */
    private Map<String, JsonNode> input(RestCall c) {
        Map<String, JsonNode> in = new LinkedHashMap<>();
        c.query().forEach((k, v) -> in.put(k, json.getNodeFactory().textNode(v.get(0))));
        if (c.body().length == 0) {
            return in;
        }
        String type = c.contentType().orElse("").toLowerCase();
        if (type.contains("json") || (!type.contains("form") && c.body()[0] == '{')) {
            try {
                JsonNode n = json.readTree(c.body());
                if (n == null || !n.isObject()) {
                    throw bad("body", "The body must be a JSON object");
                }
                n.fields().forEachRemaining(e -> in.put(e.getKey(), e.getValue()));
            } catch (IOException e) {
                throw bad("body", "The body is not valid JSON");
            }
            return in;
        }
        for (String pair : new String(c.body(), StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                in.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        json.getNodeFactory().textNode(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
                                StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw bad("body", "The form body is malformed");
            }
        }
        return in;
    }

    private List<JsonNode> list(Map<String, JsonNode> in, String field) {
        JsonNode n = in.get(field);
        if (n == null) {
            throw bad(field, field + " is required");
        }
        if (n.isTextual()) {
            try {
                n = json.readTree(n.asText());
            } catch (IOException e) {
                throw bad(field, field + " must be a JSON array");
            }
        }
        if (n == null || !n.isArray()) {
            throw bad(field, field + " must be a JSON array");
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    private static long id(Map<String, JsonNode> in, String field) {
        JsonNode n = in.get(field);
        if (n == null || n.asText().isBlank()) {
            throw bad(field, field + " is required");
        }
        try {
            return Long.parseLong(n.asText().strip());
        } catch (NumberFormatException e) {
            throw bad(field, field + " must be a number");
        }
    }

    private static String text(Map<String, JsonNode> in, String field) {
        JsonNode n = in.get(field);
        if (n == null || n.asText().isBlank()) {
            throw bad(field, field + " is required");
        }
        return n.asText().strip();
    }

    private static boolean bool(JsonNode n) {
        return n.isBoolean() ? n.asBoolean() : Params.parseBool(n.asText()).orElseThrow(() -> bad("allow_duplicates",
                "a boolean is expected"));
    }

    private static ApiException bad(String field, String message) {
        return ApiException.invalid(Invalid.of(field, FieldType.STRING, InvalidSubcode.FORMAT)).describedAs(message);
    }
}
