package dev.breezeway.config;

import java.net.URI;
import java.time.Duration;

/**
 * Password recovery and the links in the server's mails ({@code BREEZEWAY_PUBLIC_URL}, {@code BREEZEWAY_TEMPORARY_*},
 * {@code BREEZEWAY_RECOVERY_*}, {@code BREEZEWAY_WELCOME_LINK_HOURS}), e.g. a forgotten-password link
 * {@code https://idm.example.com/password-recovery#token=…} that works for 60 minutes, once.
 *
 * @param publicUrl        where users reach this server: the base of every link in a mail (never the request's
 *                         Host header, which a caller chooses)
 * @param temporaryPassword how long a temporary password (a reset's) can be used, once
 * @param recoveryLink     how long a forgotten-password link works
 * @param welcomeLink      how long the set-your-password link of a welcome mail works
 * @param maxPerAddress    forgotten-password requests one address may make in {@link #WINDOW}; more are refused
 * @param maxPerUser       forgotten-password mails one user is sent in {@link #WINDOW}; more requests answer the same
 *                         but send nothing
 */
public record RecoveryConfig(URI publicUrl, Duration temporaryPassword, Duration recoveryLink, Duration welcomeLink,
                             int maxPerAddress, int maxPerUser) {

    /** The window the two recovery limits count in. */
    public static final Duration WINDOW = Duration.ofHours(1);

    /** {@code publicUrl} + {@code path}, e.g. {@code https://idm.example.com} + {@code /password-recovery}. */
    public String link(String path) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
