package dev.breezeway.mail;

import static dev.breezeway.db.gen.Tables.MAIL_OUTBOX;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.db.Times;
import dev.breezeway.db.gen.tables.records.MailOutboxRecord;
import dev.breezeway.principal.Uuids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The {@code mail_outbox} table: enqueue, the worker's claim and marks, and the reads of the Sendings API. */
public final class MailStore {
    public static final String QUEUED = "queued";
    public static final String SENDING = "sending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final List<String> STATES = List.of(QUEUED, SENDING, DELIVERED, FAILED);

    private final DSLContext db;

    public MailStore(DSLContext db) {
        this.db = db;
    }

    /** A mail as stored, with its recipient's UUID when the recipient is a principal. */
    public record Stored(long mailId, long accountId, String sendingId, String category, Optional<Long> recipientId,
                         Optional<UUID> recipientUuid, String address, String subject, String bodyText,
                         Optional<String> bodyHtml, String messageId, String state, int attempts,
                         Instant nextAttemptAt, Optional<Instant> deliveredAt, Optional<String> lastError,
                         Optional<Long> createdBy, Instant createdAt) {
    }

    /** Inserts {@code mail} as queued and due now; returns its id. Through the thread-bound context. */
    long insert(Mail mail, String sendingId, String messageId, Optional<Long> createdBy, Instant now) {
        MailOutboxRecord r = new MailOutboxRecord();
        r.setAccountId(mail.accountId());
        r.setSendingId(sendingId);
        r.setCategory(mail.category());
        r.setRecipientPrincipalId(mail.recipientPrincipalId().orElse(null));
        r.setRecipientAddress(mail.recipientAddress());
        r.setSubject(mail.subject());
        r.setBodyText(mail.bodyText());
        r.setBodyHtml(mail.bodyHtml().orElse(null));
        r.setMessageId(messageId);
        r.setState(QUEUED);
        r.setAttempts(0);
        r.setNextAttemptAt(Times.toLocal(now));
        r.setCreatedBy(createdBy.orElse(null));
        r.setCreatedAt(Times.toLocal(now));
        return db.insertInto(MAIL_OUTBOX).set(r).returning(MAIL_OUTBOX.MAIL_ID).fetchOne().getMailId();
    }

    /**
     * Claims up to {@code n} due mails for {@code token} until {@code until}, one atomic UPDATE (several nodes
     * running it at once never claim the same row): queued mails whose next attempt is due, and mails left in
     * {@code sending} by a node whose lease ran out (it died mid-send), while attempts remain. Each claim counts
     * as an attempt. Returns the claimed mails.
     */
    List<Stored> claim(String token, int n, Instant now, Instant until, int maxAttempts) {
        var t = Times.toLocal(now);
        db.update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.STATE, SENDING)
                .set(MAIL_OUTBOX.CLAIMED_BY, token)
                .set(MAIL_OUTBOX.CLAIMED_UNTIL, Times.toLocal(until))
                .set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1))
                .where(MAIL_OUTBOX.STATE.eq(QUEUED).and(MAIL_OUTBOX.NEXT_ATTEMPT_AT.le(t))
                        .or(MAIL_OUTBOX.STATE.eq(SENDING).and(MAIL_OUTBOX.CLAIMED_UNTIL.lt(t))))
                .and(MAIL_OUTBOX.ATTEMPTS.lt(maxAttempts))
                .orderBy(MAIL_OUTBOX.MAIL_ID)
                .limit(n)
                .execute();
        return select(MAIL_OUTBOX.CLAIMED_BY.eq(token).and(MAIL_OUTBOX.STATE.eq(SENDING)));
    }

    /** Mails a dead node left in {@code sending} after their last attempt: failed, with the reason. */
    List<Stored> expireAbandoned(Instant now, int maxAttempts) {
        var t = Times.toLocal(now);
        Condition abandoned = MAIL_OUTBOX.STATE.eq(SENDING).and(MAIL_OUTBOX.CLAIMED_UNTIL.lt(t))
                .and(MAIL_OUTBOX.ATTEMPTS.ge(maxAttempts));
        List<Stored> found = select(abandoned);
        if (!found.isEmpty()) {
            db.update(MAIL_OUTBOX).set(MAIL_OUTBOX.STATE, FAILED)
                    .set(MAIL_OUTBOX.LAST_ERROR, "the node sending it stopped during the last attempt")
                    .setNull(MAIL_OUTBOX.CLAIMED_BY).setNull(MAIL_OUTBOX.CLAIMED_UNTIL)
                    .where(abandoned).and(MAIL_OUTBOX.MAIL_ID.in(found.stream().map(Stored::mailId).toList()))
                    .execute();
        }
        return found;
    }

    /** Delivered, if {@code token} still holds the claim; false if another node took it over. */
    boolean markDelivered(long mailId, String token, Instant now) {
        return db.update(MAIL_OUTBOX).set(MAIL_OUTBOX.STATE, DELIVERED)
                .set(MAIL_OUTBOX.DELIVERED_AT, Times.toLocal(now))
                .setNull(MAIL_OUTBOX.CLAIMED_BY).setNull(MAIL_OUTBOX.CLAIMED_UNTIL).setNull(MAIL_OUTBOX.LAST_ERROR)
                .where(MAIL_OUTBOX.MAIL_ID.eq(mailId)).and(MAIL_OUTBOX.CLAIMED_BY.eq(token))
                .execute() == 1;
    }

    /** Back to queued, due at {@code next}; or failed when {@code next} is empty (no attempt left). */
    boolean markFailedAttempt(long mailId, String token, String error, Optional<Instant> next) {
        var step = db.update(MAIL_OUTBOX).set(MAIL_OUTBOX.STATE, next.isPresent() ? QUEUED : FAILED)
                .set(MAIL_OUTBOX.LAST_ERROR, error.length() > 1000 ? error.substring(0, 1000) : error);
        if (next.isPresent()) {
            step = step.set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, Times.toLocal(next.get()));
        }
        return step.setNull(MAIL_OUTBOX.CLAIMED_BY).setNull(MAIL_OUTBOX.CLAIMED_UNTIL)
                .where(MAIL_OUTBOX.MAIL_ID.eq(mailId)).and(MAIL_OUTBOX.CLAIMED_BY.eq(token))
                .execute() == 1;
    }

    /** Mails neither delivered nor failed, in every account. */
    long backlog() {
        return db.selectCount().from(MAIL_OUTBOX).where(MAIL_OUTBOX.STATE.in(QUEUED, SENDING)).fetchOne(0, Long.class);
    }

    /**
     * A page of the account's sendings, newest first: their ids, ordered by their first mail; {@code state} keeps
     * sendings with a mail in that state; {@code before} is the first-mail id of the last sending of the page before.
     */
    public List<String> sendingPage(long accountId, Optional<String> state, OptionalLong before, int offset, int limit) {
        Field<Long> first = DSL.min(MAIL_OUTBOX.MAIL_ID).as("first_mail");
        Condition c = MAIL_OUTBOX.ACCOUNT_ID.eq(accountId);
        if (state.isPresent()) {
            c = c.and(MAIL_OUTBOX.STATE.eq(state.get()));
        }
        var q = db.select(MAIL_OUTBOX.SENDING_ID, first).from(MAIL_OUTBOX).where(c).groupBy(MAIL_OUTBOX.SENDING_ID);
        var having = before.isPresent() ? q.having(DSL.min(MAIL_OUTBOX.MAIL_ID).lt(before.getAsLong())) : q;
        return having.orderBy(DSL.field(DSL.name("first_mail")).desc()).limit(limit).offset(offset)
                .fetch(MAIL_OUTBOX.SENDING_ID);
    }

    /** The mails of these sendings of the account, grouped by sending in the order given. */
    public Map<String, List<Stored>> mailsOf(long accountId, List<String> sendingIds) {
        Map<String, List<Stored>> out = new LinkedHashMap<>();
        sendingIds.forEach(id -> out.put(id, new ArrayList<>()));
        if (!sendingIds.isEmpty()) {
            for (Stored s : select(MAIL_OUTBOX.ACCOUNT_ID.eq(accountId).and(MAIL_OUTBOX.SENDING_ID.in(sendingIds)))) {
                out.get(s.sendingId()).add(s);
            }
        }
        return out;
    }

    /** The mails of the whole outbox in {@code state} (any account), e.g. for tests and operators. */
    public List<Stored> inState(String state) {
        return select(MAIL_OUTBOX.STATE.eq(state));
    }

    private List<Stored> select(Condition where) {
        return db.select(MAIL_OUTBOX.asterisk(), PRINCIPAL.UUID).from(MAIL_OUTBOX)
                .leftJoin(PRINCIPAL).on(PRINCIPAL.PRINCIPAL_ID.eq(MAIL_OUTBOX.RECIPIENT_PRINCIPAL_ID))
                .where(where).orderBy(MAIL_OUTBOX.MAIL_ID)
                .fetch(r -> {
                    MailOutboxRecord m = r.into(MAIL_OUTBOX);
                    byte[] uuid = r.get(PRINCIPAL.UUID);
                    return new Stored(m.getMailId(), m.getAccountId(), m.getSendingId(), m.getCategory(),
                            Optional.ofNullable(m.getRecipientPrincipalId()),
                            Optional.ofNullable(uuid).map(Uuids::fromBytes), m.getRecipientAddress(), m.getSubject(),
                            m.getBodyText(), Optional.ofNullable(m.getBodyHtml()), m.getMessageId(), m.getState(),
                            m.getAttempts(), Times.toInstant(m.getNextAttemptAt()),
                            Optional.ofNullable(m.getDeliveredAt()).map(Times::toInstant),
                            Optional.ofNullable(m.getLastError()), Optional.ofNullable(m.getCreatedBy()),
                            Times.toInstant(m.getCreatedAt()));
                });
    }
}
