package dev.breezeway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breezeway.error.ApiException;
import dev.breezeway.iam.IamService;
import dev.breezeway.mail.MailTemplates;
import dev.breezeway.mail.Outbox;
import dev.breezeway.principal.Face;
import dev.breezeway.recovery.AccountMail;
import dev.breezeway.recovery.PasswordRecovery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Password recovery and the server's mails on the JSON face:
 * <ul>
 *   <li>{@code POST /resources/auth/password/forgot {"login"|"email"}} → 202 {@code {"status":"accepted"}}, the same
 *       whether the login exists (429 {@code TOO_MANY_REQUESTS} when the address asked too often);</li>
 *   <li>{@code POST /resources/auth/password/recover {"token","newPassword"}} → 204 (the JSON face's policy);</li>
 *   <li>{@code POST /resources/iam/principals/{id}/password/reset {"sendEmail":true}} → 202 {@code {"sent":true,
 *       "sendingId":…}}: the temporary password goes to the principal by mail, not into the reply;</li>
 *   <li>{@code GET/PUT /resources/mail-templates/{template}/{lang}}: the account's texts ({@code policies:manage}).</li>
 * </ul>
 */
public final class RecoveryResources {
    private final PasswordRecovery recovery;
    private final AccountMail mail;
    private final MailTemplates templates;
    private final IamService iam;
    private final PrincipalJson shapes;

    public RecoveryResources(PasswordRecovery recovery, AccountMail mail, MailTemplates templates, IamService iam,
                             ObjectMapper json) {
        this.recovery = recovery;
        this.mail = mail;
        this.templates = templates;
        this.iam = iam;
        this.shapes = new PrincipalJson(json);
    }

    public RestReply forgot(RestCall c) {
        ObjectNode b = shapes.object(c.body());
        Optional<String> login = text(b, "login");
        Optional<String> email = text(b, "email");
        if (login.isEmpty() && email.isEmpty()) {
            throw ApiException.invalid(dev.breezeway.error.Invalid.of("login", dev.breezeway.error.FieldType.STRING,
                    dev.breezeway.error.InvalidSubcode.MISSING));
        }
        recovery.forgot(login.<PasswordRecovery.Who>map(PasswordRecovery.Who.Login::new)
                .orElseGet(() -> new PasswordRecovery.Who.Email(email.get())), c.remoteAddress());
        return RestReply.status(202, Map.of("status", "accepted"));
    }

    public RestReply recover(RestCall c) {
        ObjectNode b = shapes.object(c.body());
        recovery.complete(text(b, "token").orElse(""), b.path("newPassword").isTextual() ? b.get("newPassword").asText()
                : "", Face.JSON, "token", "newPassword");
        return RestReply.noContent();
    }

    /** The reset of seed 000, answering the temporary password, or with {@code sendEmail} mailing it. */
    public RestReply resetPassword(RestCall c) {
        UUID id = PrincipalJson.uuid(c.path("id"));
        boolean send = c.body().length > 0 && shapes.object(c.body()).path("sendEmail").asBoolean(false);
        if (!send) {
            return RestReply.ok(Map.of("temporaryPassword", iam.resetPassword(c.caller(), id)));
        }
        Outbox.Queued q = mail.resetByMail(c.caller(), iam.principalIdOf(c.caller(), id));
        return RestReply.status(202, Map.of("sent", true, "sendingId", q.sendingId()))
                .withHeader("Location", "/resources/sendings/" + q.sendingId());
    }

    public RestReply getTemplate(RestCall c) {
        return RestReply.ok(json(templates.get(c.caller(), c.path("template"), c.path("lang"))));
    }

    public RestReply putTemplate(RestCall c) {
        ObjectNode b = shapes.object(c.body());
        return RestReply.ok(json(templates.put(c.caller(), c.path("template"), c.path("lang"),
                text(b, "subject").orElse(""), text(b, "bodyText").orElse(""), text(b, "bodyHtml"))));
    }

    private static Map<String, Object> json(MailTemplates.Template t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("template", t.name());
        out.put("lang", t.lang());
        out.put("builtIn", t.builtIn());
        out.put("subject", t.subject());
        out.put("bodyText", t.bodyText());
        out.put("bodyHtml", t.bodyHtml().orElse(null));
        return out;
    }

    private static Optional<String> text(JsonNode b, String field) {
        JsonNode n = b.get(field);
        return n != null && n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText().strip()) : Optional.empty();
    }
}
