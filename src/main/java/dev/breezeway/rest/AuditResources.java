package dev.breezeway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breezeway.audit.AuditStore;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.iam.IamService;
import dev.breezeway.query.ListQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@code GET /resources/audit-events?from=&to=&actor=&object=&kind=&limit=&after=}: the account's audit trail,
 * newest first, {@code {"events":[…],"nextCursor":"41"}}; {@code after=<nextCursor>} reads the next page.
 * {@code from}/{@code to} are instants (inclusive), {@code actor} a principal (its number or UUID), {@code object}
 * an object id (a principal's number or UUID), {@code kind} an event kind; each but the times may repeat (OR).
 */
public final class AuditResources {
    private final AuditStore events;
    private final IamService iam;
    private final ObjectMapper json;

    public AuditResources(AuditStore events, IamService iam, ObjectMapper json) {
        this.events = events;
        this.iam = iam;
        this.json = json;
    }

    public RestReply list(RestCall c) {
        long asked = c.queryFirst("limit").map(s -> integer("limit", s)).orElse(50L);
        if (asked < 1 || asked > 100) {
            throw ApiException.invalid(Invalid.range("limit", FieldType.LONG, 1, 100));
        }
        int limit = (int) asked;
        List<ListQuery.Filter> filters = new ArrayList<>();
        c.queryFirst("from").ifPresent(v -> filters.add(filter("occurred-at", ListQuery.Op.GREATER_OR_EQUAL,
                List.of(AuditStore.instant("from", v).toString()))));
        c.queryFirst("to").ifPresent(v -> filters.add(filter("occurred-at", ListQuery.Op.LESS_OR_EQUAL,
                List.of(AuditStore.instant("to", v).toString()))));
        if (!c.queryAll("actor").isEmpty()) {
            List<String> actors = c.queryAll("actor").stream().map(v -> numbered(c, v)).toList();
            actors.forEach(v -> integer("actor", v));
            filters.add(filter("actor-id", ListQuery.Op.EQUALS, actors));
        }
        if (!c.queryAll("object").isEmpty()) {
            filters.add(filter("object-id", ListQuery.Op.EQUALS,
                    c.queryAll("object").stream().map(v -> numbered(c, v)).toList()));
        }
        for (String[] p : new String[][] {{"objectType", "object-type"}, {"kind", "kind"}, {"face", "face"}}) {
            if (!c.queryAll(p[0]).isEmpty()) {
                filters.add(filter(p[1], ListQuery.Op.EQUALS, c.queryAll(p[0])));
            }
        }
        OptionalLong after = c.queryFirst("after").map(v -> OptionalLong.of(integer("after", v)))
                .orElse(OptionalLong.empty());
        List<AuditStore.Event> read = events.list(c.caller().accountId(), filters, after, 0, limit + 1);
        List<AuditStore.Event> page = read.subList(0, Math.min(limit, read.size()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", page.stream().map(this::event).toList());
        out.put("nextCursor", read.size() > limit ? Long.toString(page.get(page.size() - 1).eventId()) : null);
        return RestReply.ok(out);
    }

    private Map<String, Object> event(AuditStore.Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.eventId());
        m.put("kind", e.kind());
        m.put("occurredAt", e.occurredAt().toString());
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("id", e.actorId().orElse(null));
        actor.put("login", e.actorLogin().orElse(null));
        m.put("actor", actor);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", e.objectType().orElse(null));
        object.put("id", e.objectId().orElse(null));
        object.put("name", e.objectName().orElse(null));
        m.put("object", object);
        m.put("details", e.details().map(this::tree).orElse(null));
        m.put("address", e.address().orElse(null));
        m.put("face", e.face().orElse(null));
        return m;
    }

    private JsonNode tree(String details) {
        try {
            return json.readTree(details);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(details);
        }
    }

    /**
     * A principal's number for its UUID (the JSON face's id), so {@code object} and {@code actor} take either;
     * a UUID of no principal the caller can see stays as it is and matches nothing.
     */
    private String numbered(RestCall c, String v) {
        UUID id;
        try {
            id = UUID.fromString(v.strip());
        } catch (IllegalArgumentException e) {
            return v;
        }
        try {
            return Long.toString(iam.get(c.caller(), id).principalId());
        } catch (ApiException e) {
            return v;
        }
    }

    private static ListQuery.Filter filter(String field, ListQuery.Op op, List<String> values) {
        return new ListQuery.Filter(field, op, values);
    }

    private static long integer(String name, String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(Invalid.of(name, FieldType.LONG, InvalidSubcode.FORMAT));
        }
    }
}
