package dev.breezeway.mail;

import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.db.AfterCommit;
import dev.breezeway.session.Session;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactional outbox: {@link #enqueue} writes a mail through the thread-bound context, so it commits or
 * rolls back with the caller's transaction ({@code db.transaction(() -> { change(); outbox.enqueue(…); })}, or the
 * request's batch). After the commit the mail is counted ({@code breezeway_mail_total{state="queued"}}) and the
 * worker is woken; a rolled-back mail is neither stored, counted nor sent. Each mail gets its Message-ID here, so a
 * resend after a crash mid-send carries the same one. Records {@code mail.queued} in the audit trail.
 */
public final class Outbox {
    private final MailStore store;
    private final AuditLog audit;
    private final AfterCommit afterCommit;
    private final MailMetrics metrics;
    private final Clock clock;
    private final String messageIdDomain;
    private volatile Runnable wake = () -> { };

    public Outbox(MailStore store, AuditLog audit, AfterCommit afterCommit, MailMetrics metrics, Clock clock,
                  String from) {
        this.store = store;
        this.audit = audit;
        this.afterCommit = afterCommit;
        this.metrics = metrics;
        this.clock = clock;
        this.messageIdDomain = from.substring(from.indexOf('@') + 1);
    }

    /** What {@link #enqueue} stored: the mail's id, its sending and its Message-ID. */
    public record Queued(long mailId, String sendingId, String messageId) {
    }

    /** Queues {@code mail} sent on behalf of {@code by}, in the calling thread's transaction. */
    public Queued enqueue(Session by, Mail mail) {
        return enqueue(Optional.of(by), mail);
    }

    /** Queues a mail the system sends (e.g. a forgotten-password mail asked for anonymously), in the thread's transaction. */
    public Queued enqueueSystem(Mail mail) {
        return enqueue(Optional.empty(), mail);
    }

    private Queued enqueue(Optional<Session> by, Mail mail) {
        String sendingId = mail.sendingId().orElseGet(() -> UUID.randomUUID().toString());
        String messageId = "<" + UUID.randomUUID() + "@" + messageIdDomain + ">";
        long id = store.insert(mail, sendingId, messageId, by.map(Session::principalId), clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("category", mail.category());
        details.put("sending-id", sendingId);
        details.put("subject", mail.subject());
        mail.recipientPrincipalId().ifPresent(p -> details.put("recipient-id", p));
        AuditTarget target = AuditTarget.of("mail", id, mail.recipientAddress());
        if (by.isPresent()) {
            audit.change(by.get(), "mail.queued", target, details);
        } else {
            audit.system(mail.accountId(), "mail.queued", target, details);
        }
        afterCommit.run(() -> {
            metrics.queued();
            wake.run();
        });
        return new Queued(id, sendingId, messageId);
    }

    /** What to run after a commit that queued mail: the worker's wake-up. */
    void onQueued(Runnable wake) {
        this.wake = wake;
    }
}
