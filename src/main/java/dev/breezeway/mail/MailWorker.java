package dev.breezeway.mail;

import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.config.MailConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox after commit, on a thread of its own ({@code breezeway-mail}): every
 * {@code BREEZEWAY_MAIL_POLL_MILLIS} and right after a commit that queued mail, it claims a batch of due mails
 * ({@link MailStore#claim}: a lease of {@link MailConfig#LEASE} under a token of this round, so several nodes on one
 * database each take different mails), sends each and marks it delivered in a transaction that also records
 * {@code mail.delivered}. A refused or unreachable SMTP server puts the mail back as queued, due after a back-off
 * (5 s doubling to 10 min by default); after {@code BREEZEWAY_MAIL_MAX_ATTEMPTS} it is failed
 * ({@code mail.failed}). A node that dies between the server's accept and the mark leaves the mail in
 * {@code sending}; when its lease runs out another node sends it again with the same Message-ID — the only case of
 * a second copy, which mail clients show once. Without SMTP configured it only counts the backlog.
 */
public final class MailWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MailWorker.class);
    private static final int BATCH = 20;

    private final DSLContext db;
    private final MailStore store;
    private final Optional<MailSender> sender;
    private final MailConfig config;
    private final AuditLog audit;
    private final MailMetrics metrics;
    private final Clock clock;
    private final String node = UUID.randomUUID().toString();
    private final ScheduledExecutorService thread;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile boolean stopping;

    public MailWorker(DSLContext db, MailStore store, Optional<MailSender> sender, MailConfig config, AuditLog audit,
                      MailMetrics metrics, Clock clock) {
        this.db = db;
        this.store = store;
        this.sender = sender;
        this.config = config;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "breezeway-mail");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling; {@code outbox} wakes the worker after each commit that queued mail. */
    public void start(Outbox outbox) {
        outbox.onQueued(this::wake);
        long ms = config.poll().toMillis();
        thread.scheduleWithFixedDelay(this::round, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** A round soon, e.g. after a commit that queued mail; one pending wake-up at most. */
    public void wake() {
        if (!stopping && sender.isPresent() && wakePending.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    wakePending.set(false);
                    round();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakePending.set(false);
            }
        }
    }

    private void round() {
        try {
            if (sender.isPresent()) {
                deliverDue();
            }
            metrics.backlog(store.backlog());
        } catch (RuntimeException e) {
            log.warn("Mail delivery round failed (retried next round): {}", e.toString());
        }
    }

    /** Claims and sends due mail until none is due (or the worker stops); returns how many were delivered. */
    int deliverDue() {
        int delivered = 0;
        for (MailStore.Stored s : store.expireAbandoned(clock.instant(), config.maxAttempts())) {
            failed(s, "the node sending it stopped during the last attempt");
        }
        while (!stopping) {
            String token = node + "/" + UUID.randomUUID();
            Instant now = clock.instant();
            List<MailStore.Stored> claimed = store.claim(token, BATCH, now, now.plus(MailConfig.LEASE),
                    config.maxAttempts());
            for (MailStore.Stored m : claimed) {
                if (deliver(m, token)) {
                    delivered++;
                }
            }
            if (claimed.size() < BATCH) {
                break;
            }
        }
        return delivered;
    }

    private boolean deliver(MailStore.Stored m, String token) {
        try {
            sender.orElseThrow().send(m);
        } catch (Exception e) {
            String why = describe(e);
            boolean last = e instanceof MailSender.Permanent || m.attempts() >= config.maxAttempts();
            Optional<Instant> next = last ? Optional.empty()
                    : Optional.of(clock.instant().plus(config.backoff(m.attempts())));
            boolean[] kept = new boolean[1];
            db.transaction(() -> {
                kept[0] = store.markFailedAttempt(m.mailId(), token, why, next);
                if (kept[0] && last) {
                    failedEvent(m, why);
                }
            });
            if (kept[0] && last) {
                metrics.failed();
                log.warn("Mail {} to {} failed after {} attempts: {}", m.mailId(), m.address(), m.attempts(), why);
            } else {
                log.info("Mail {} to {} not delivered (attempt {}, next at {}): {}", m.mailId(), m.address(),
                        m.attempts(), next.orElse(null), why);
            }
            return false;
        }
        boolean[] marked = new boolean[1];
        db.transaction(() -> {
            marked[0] = store.markDelivered(m.mailId(), token, clock.instant());
            if (marked[0]) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("category", m.category());
                d.put("sending-id", m.sendingId());
                d.put("message-id", m.messageId());
                d.put("attempts", m.attempts());
                audit.system(m.accountId(), "mail.delivered", AuditTarget.of("mail", m.mailId(), m.address()), d);
            }
        });
        if (marked[0]) {
            metrics.delivered();
        } else {
            log.warn("Mail {} was delivered but its claim had passed to another node", m.mailId());
        }
        return marked[0];
    }

    private void failed(MailStore.Stored m, String why) {
        db.transaction(() -> failedEvent(m, why));
        metrics.failed();
    }

    private void failedEvent(MailStore.Stored m, String why) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("category", m.category());
        d.put("sending-id", m.sendingId());
        d.put("attempts", m.attempts());
        d.put("error", why);
        audit.system(m.accountId(), "mail.failed", AuditTarget.of("mail", m.mailId(), m.address()), d);
    }

    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 900; t = t.getCause() == t ? null : t.getCause()) {
            if (!b.isEmpty()) {
                b.append(": ");
            }
            String msg = t.getMessage();
            b.append(msg == null ? t.getClass().getSimpleName() : msg.strip().replaceAll("\\s+", " "));
        }
        return b.toString();
    }

    /** Stops after the mail being sent now (each send times out after 10 s). */
    @Override
    public void close() {
        stopping = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(SmtpSender.TIMEOUT_MS * 3L, TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
