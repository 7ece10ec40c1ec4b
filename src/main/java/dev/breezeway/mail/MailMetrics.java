package dev.breezeway.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code breezeway_mail_total{state=queued|delivered|failed}}: mails committed to the outbox (a rolled-back one is
 * not counted), delivered, and given up after the last attempt; {@code breezeway_mail_backlog}: mails queued or
 * being sent, as the worker last counted them (it counts even without SMTP configured).
 */
public final class MailMetrics {
    private final Counter queued;
    private final Counter delivered;
    private final Counter failed;
    private final AtomicLong backlog = new AtomicLong();

    public MailMetrics(MeterRegistry registry) {
        this.queued = state(registry, "queued");
        this.delivered = state(registry, "delivered");
        this.failed = state(registry, "failed");
        Gauge.builder("breezeway_mail_backlog", backlog, AtomicLong::get)
                .description("Mails in the outbox not yet delivered nor failed (queued or sending)")
                .register(registry);
    }

    private static Counter state(MeterRegistry registry, String state) {
        return Counter.builder("breezeway_mail").description("Mails by outcome").tag("state", state)
                .register(registry);
    }

    void queued() {
        queued.increment();
    }

    void delivered() {
        delivered.increment();
    }

    void failed() {
        failed.increment();
    }

    void backlog(long n) {
        backlog.set(n);
    }
}
