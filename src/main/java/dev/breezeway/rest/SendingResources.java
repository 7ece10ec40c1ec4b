package dev.breezeway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.mail.MailStore;
import dev.breezeway.mail.SendingService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The Sendings API (seed 000): {@code POST /resources/sendings {"category","subject","bodyHtml","recipients":[uuid…]}}
 * → 202 with the sending (its {@code id} and one mail per recipient, queued); {@code GET /resources/sendings}
 * ({@code state}, {@code limit} 1–100, {@code after} = the page's {@code nextCursor}) and
 * {@code GET /resources/sendings/{id}}: the delivery state of each mail (state, attempts, last error).
 */
public final class SendingResources {
    private final SendingService sendings;
    private final PrincipalJson shapes;

    public SendingResources(SendingService sendings, ObjectMapper json) {
        this.sendings = sendings;
        this.shapes = new PrincipalJson(json);
    }

    public RestReply create(RestCall c) {
        ObjectNode body = shapes.object(c.body());
        for (String f : List.of("category", "subject", "bodyHtml")) {
            JsonNode v = body.get(f);
            if (v != null && !v.isNull() && !v.isTextual()) {
                throw ApiException.problem(Problem.INVALID_JSON, f);
            }
        }
        JsonNode rs = body.get("recipients");
        List<SendingService.Recipient> recipients = new ArrayList<>();
        if (rs != null && !rs.isNull()) {
            if (!rs.isArray()) {
                throw ApiException.problem(Problem.INVALID_JSON, "recipients");
            }
            for (JsonNode r : rs) {
                if (!r.isTextual()) {
                    throw ApiException.problem(Problem.INVALID_JSON, "recipients");
                }
                try {
                    recipients.add(new SendingService.Recipient.ByUuid(UUID.fromString(r.asText().strip())));
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalid(Invalid.of("recipients", FieldType.ID, InvalidSubcode.FORMAT));
                }
            }
        }
        SendingService.Sending s = sendings.create(c.caller(), text(body, "category"), text(body, "subject"),
                text(body, "bodyHtml"), recipients);
        return RestReply.status(202, json(s)).withHeader("Location", "/resources/sendings/" + s.id());
    }

    public RestReply list(RestCall c) {
        long asked = c.queryFirst("limit").map(s -> integer("limit", s)).orElse(50L);
        if (asked < 1 || asked > 100) {
            throw ApiException.invalid(Invalid.range("limit", FieldType.LONG, 1, 100));
        }
        int limit = (int) asked;
        OptionalLong after = c.queryFirst("after").map(v -> OptionalLong.of(integer("after", v)))
                .orElse(OptionalLong.empty());
        List<SendingService.Sending> read = sendings.list(c.caller(), c.queryFirst("state"), after, 0, limit + 1);
        List<SendingService.Sending> page = read.subList(0, Math.min(limit, read.size()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sendings", page.stream().map(SendingResources::json).toList());
        out.put("nextCursor", read.size() > limit ? Long.toString(page.get(page.size() - 1).mails().stream()
                .filter(m -> c.queryFirst("state").map(m.state()::equals).orElse(true))
                .mapToLong(MailStore.Stored::mailId).min().orElseThrow()) : null);
        return RestReply.ok(out);
    }

    public RestReply get(RestCall c) {
        return RestReply.ok(json(sendings.get(c.caller(), c.path("id"))));
    }

    static Map<String, Object> json(SendingService.Sending s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("category", s.category());
        m.put("subject", s.subject());
        m.put("state", s.state());
        m.put("createdAt", s.mails().get(0).createdAt().toString());
        m.put("mails", s.mails().stream().map(SendingResources::mail).toList());
        return m;
    }

    private static Map<String, Object> mail(MailStore.Stored x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", x.mailId());
        Map<String, Object> to = new LinkedHashMap<>();
        to.put("id", x.recipientUuid().map(UUID::toString).orElse(null));
        to.put("address", x.address());
        m.put("recipient", to);
        m.put("state", x.state());
        m.put("attempts", x.attempts());
        m.put("nextAttemptAt", x.state().equals(MailStore.QUEUED) ? x.nextAttemptAt().toString() : null);
        m.put("deliveredAt", x.deliveredAt().map(Object::toString).orElse(null));
        m.put("lastError", x.lastError().orElse(null));
        m.put("messageId", x.messageId());
        return m;
    }

    private static String text(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static long integer(String name, String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(Invalid.of(name, FieldType.LONG, InvalidSubcode.FORMAT));
        }
    }

}
