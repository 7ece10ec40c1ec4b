package dev.breezeway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Password logins by outcome ({@code breezeway_logins_total{outcome=ok|failed|locked|busy}}) and the
 * locks the throttle starts ({@code breezeway_login_lockouts_total}): a rise of {@code failed} or
 * {@code lockouts} is a guessing attack, a rise of {@code busy} a hashing capacity too small for the
 * login rate.
 */
public final class LoginMetrics {
    private final Counter ok;
    private final Counter failed;
    private final Counter locked;
    private final Counter busy;
    private final Counter lockouts;

    public LoginMetrics(MeterRegistry registry) {
        this.ok = outcome(registry, "ok");
        this.failed = outcome(registry, "failed");
        this.locked = outcome(registry, "locked");
        this.busy = outcome(registry, "busy");
        this.lockouts = Counter.builder("breezeway_login_lockouts")
                .description("Login locks started: an attempt over a failure limit (pair, address or login)")
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("breezeway_logins")
                .description("Password login attempts by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    public void ok() {
        ok.increment();
    }

    /** Unknown login, wrong password, no password, another account, or a suspended user. */
    public void failed() {
        failed.increment();
    }

    /** Refused because the login, the address or the pair is locked. */
    public void locked() {
        locked.increment();
    }

    /** Refused before counting: no place among the password checks. */
    public void busy() {
        busy.increment();
    }

    /** A lock started with this attempt. */
    public void lockout() {
        lockouts.increment();
    }
}
