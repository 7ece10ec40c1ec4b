package dev.breezeway.mail;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.access.Authorizer;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.principal.Uuids;
import dev.breezeway.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record3;

/**
 * The Sendings API behind {@code POST/GET /resources/sendings} and {@code sending-create}/{@code -list}/{@code -info}:
 * a sending is one mail per recipient principal of the caller's account (each must have an e-mail address), with the
 * caller's subject and HTML body sanitised by {@link HtmlSanitiser} and a text part derived from it, all queued in
 * the caller's transaction through the {@link Outbox}. Creating needs {@code mail:send}, reading {@code mail:read}.
 */
public final class SendingService {
    public static final int MAX_RECIPIENTS = 100;
    public static final int MAX_BODY_CHARS = 100_000;
    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private final DSLContext db;
    private final MailStore store;
    private final Outbox outbox;
    private final Authorizer authz;

    public SendingService(DSLContext db, MailStore store, Outbox outbox, Authorizer authz) {
        this.db = db;
        this.store = store;
        this.outbox = outbox;
        this.authz = authz;
    }

    /** A sending with its mails (one per recipient) and their delivery states. */
    public record Sending(String id, String category, String subject, String state, List<MailStore.Stored> mails) {
    }

    /** Who a recipient is: by principal number (the XML face) or by UUID (the JSON face). */
    public sealed interface Recipient {
        record ById(long principalId) implements Recipient {
        }

        record ByUuid(UUID id) implements Recipient {
        }
    }

    /** Validates, sanitises and queues one mail per recipient in one (or the caller's) transaction. */
    public Sending create(Session caller, String category, String subject, String bodyHtml, List<Recipient> recipients) {
        authz.require(caller, PermissionCatalogue.MAIL_SEND);
        List<Invalid> problems = new ArrayList<>();
        if (category == null || category.isBlank()) {
            problems.add(Invalid.of("category", FieldType.STRING, InvalidSubcode.MISSING));
        } else if (!CATEGORY.matcher(category).matches()) {
            problems.add(Invalid.of("category", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        if (subject == null || subject.isBlank()) {
            problems.add(Invalid.of("subject", FieldType.STRING, InvalidSubcode.MISSING));
        } else if (subject.length() > 255 || subject.chars().anyMatch(c -> c < 0x20)) {
            problems.add(Invalid.of("subject", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        if (bodyHtml == null || bodyHtml.isBlank()) {
            problems.add(Invalid.of("bodyHtml", FieldType.STRING, InvalidSubcode.MISSING));
        } else if (bodyHtml.length() > MAX_BODY_CHARS) {
            problems.add(Invalid.range("bodyHtml", FieldType.STRING, 1, MAX_BODY_CHARS));
        }
        if (recipients == null || recipients.isEmpty()) {
            problems.add(Invalid.of("recipients", FieldType.ID, InvalidSubcode.MISSING));
        } else if (recipients.size() > MAX_RECIPIENTS) {
            problems.add(Invalid.range("recipients", FieldType.ID, 1, MAX_RECIPIENTS));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        String clean = HtmlSanitiser.clean(bodyHtml);
        String text = HtmlSanitiser.text(clean);
        String sendingId = UUID.randomUUID().toString();
        db.transaction(() -> {
            for (Record3<Long, String, byte[]> p : resolve(caller.accountId(), recipients)) {
                outbox.enqueue(caller, new Mail(caller.accountId(), category, Optional.of(p.value1()), p.value2(),
                        subject, text, Optional.of(clean), Optional.of(sendingId)));
            }
        });
        return get(caller, sendingId);
    }

    /** Each recipient once, in order; every one a live principal of the account with an address, else invalid. */
    private List<Record3<Long, String, byte[]>> resolve(long accountId, List<Recipient> recipients) {
        List<Record3<Long, String, byte[]>> out = new ArrayList<>();
        java.util.Set<Long> seen = new LinkedHashSet<>();
        for (Recipient r : recipients) {
            var c = PRINCIPAL.ACCOUNT_ID.eq(accountId).and(PRINCIPAL.DELETED_AT.isNull());
            if (r instanceof Recipient.ById id) {
                c = c.and(PRINCIPAL.PRINCIPAL_ID.eq(id.principalId()));
            } else if (r instanceof Recipient.ByUuid u) {
                c = c.and(PRINCIPAL.UUID.eq(Uuids.toBytes(u.id())));
            }
            Record3<Long, String, byte[]> p = db.select(PRINCIPAL.PRINCIPAL_ID, PRINCIPAL.EMAIL, PRINCIPAL.UUID)
                    .from(PRINCIPAL).where(c).fetchOne();
            if (p == null) {
                throw ApiException.invalid(Invalid.of("recipients", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM));
            }
            if (p.value2() == null || p.value2().isBlank()) {
                throw ApiException.invalid(Invalid.of("recipients", FieldType.ID, InvalidSubcode.ILLEGAL_OPERATION));
            }
            if (seen.add(p.value1())) {
                out.add(p);
            }
        }
        return out;
    }

    /** One sending of the caller's account. @throws ApiException no-data (404) for none */
    public Sending get(Session caller, String sendingId) {
        authz.require(caller, PermissionCatalogue.MAIL_READ);
        List<MailStore.Stored> mails = store.mailsOf(caller.accountId(), List.of(sendingId)).get(sendingId);
        if (mails.isEmpty()) {
            throw ApiException.noData();
        }
        return sending(sendingId, mails);
    }

    /**
     * A page of the account's sendings, newest first; {@code state} keeps those with a mail in that state
     * (e.g. {@code queued}: what is still undelivered); {@code before} continues after a page (its cursor).
     */
    public List<Sending> list(Session caller, Optional<String> state, OptionalLong before, int offset, int limit) {
        authz.require(caller, PermissionCatalogue.MAIL_READ);
        if (state.isPresent() && !MailStore.STATES.contains(state.get())) {
            throw ApiException.invalid(Invalid.of("state", FieldType.ENUM, InvalidSubcode.NO_SUCH_ITEM));
        }
        List<String> ids = store.sendingPage(caller.accountId(), state, before, offset, limit);
        List<Sending> out = new ArrayList<>();
        for (Map.Entry<String, List<MailStore.Stored>> e : store.mailsOf(caller.accountId(), ids).entrySet()) {
            out.add(sending(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Sending sending(String id, List<MailStore.Stored> mails) {
        MailStore.Stored first = mails.get(0);
        return new Sending(id, first.category(), first.subject(), summary(mails), mails);
    }

    /** delivered when every mail is, failed when any failed, else queued (or sending while one is on its way). */
    static String summary(List<MailStore.Stored> mails) {
        if (mails.stream().allMatch(m -> m.state().equals(MailStore.DELIVERED))) {
            return MailStore.DELIVERED;
        }
        if (mails.stream().anyMatch(m -> m.state().equals(MailStore.FAILED))) {
            return MailStore.FAILED;
        }
        return mails.stream().anyMatch(m -> m.state().equals(MailStore.SENDING)) ? MailStore.SENDING : MailStore.QUEUED;
    }
}
