package dev.breezeway.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Outgoing mail ({@code BREEZEWAY_SMTP_*}, {@code BREEZEWAY_MAIL_*}): the SMTP server, its credentials and transport
 * security, the sender, and the outbox worker's timing. Without {@link #host()} mail is kept in the outbox as
 * undelivered (administrators see it through {@code GET /resources/sendings}).
 *
 * @param retry the wait after the first failed attempt; it doubles after each further one up to {@link #MAX_RETRY}
 */
public record MailConfig(Optional<String> host, int port, Optional<String> user, Optional<String> password,
                         String from, Tls tls, Duration poll, int maxAttempts, Duration retry) {

    /** The longest wait between two attempts at one mail. */
    public static final Duration MAX_RETRY = Duration.ofMinutes(10);
    /** How long a node holds a claimed mail before another node may take it over (it died mid-send). */
    public static final Duration LEASE = Duration.ofMinutes(2);

    /** Transport security: {@code none}, {@code starttls} (required, not opportunistic) or {@code tls} (SMTPS). */
    public enum Tls {
        NONE, STARTTLS, TLS;

        static Optional<Tls> parse(String s) {
            return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "none" -> Optional.of(NONE);
                case "starttls" -> Optional.of(STARTTLS);
                case "tls" -> Optional.of(TLS);
                default -> Optional.empty();
            };
        }

        int defaultPort() {
            return switch (this) {
                case NONE -> 25;
                case STARTTLS -> 587;
                case TLS -> 465;
            };
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "MailConfig[host=" + host.orElse("") + ", port=" + port + ", user=" + user.orElse("") + ", password="
                + (password.isPresent() ? "***" : "") + ", from=" + from + ", tls=" + tls + ", poll=" + poll
                + ", maxAttempts=" + maxAttempts + ", retry=" + retry + "]";
    }

    /** True when a host is configured: the worker then delivers. */
    public boolean enabled() {
        return host.isPresent();
    }

    /** The wait before attempt {@code attempts + 1} after {@code attempts} failed ones: retry · 2^(attempts-1), capped. */
    public Duration backoff(int attempts) {
        Duration d = retry;
        for (int i = 1; i < attempts && d.compareTo(MAX_RETRY) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }
}
