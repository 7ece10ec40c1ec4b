package dev.breezeway.mail;

import java.util.Optional;
import java.util.Set;

/**
 * One mail to one recipient, as a feature hands it to {@link Outbox#enqueue}: e.g. a password reset for principal
 * 1000009 at {@code ada@example.com}. {@code bodyHtml}, when present, must already be sanitised
 * ({@link HtmlSanitiser#clean}); {@code bodyText} is the plain-text part every mail carries.
 *
 * @param sendingId groups mails created together (one Sendings API request); empty → a new one
 */
public record Mail(long accountId, String category, Optional<Long> recipientPrincipalId, String recipientAddress,
                   String subject, String bodyText, Optional<String> bodyHtml, Optional<String> sendingId) {

    /** A new user's account and login information ({@code principal-update&send-email=true}). */
    public static final String WELCOME = "welcome";
    /** A temporary password or a reset link an administrator's reset sends (seed 000's category). */
    public static final String PASSWORD_RESET = "password_reset";
    /** The link of a forgotten-password request, asked for by the user itself. */
    public static final String PASSWORD_RECOVERY = "password_recovery";
    /**
     * The categories whose bodies carry a secret (a temporary password, a single-use link): their bodies are kept
     * only until the mail is delivered or has failed for good.
     */
    public static final Set<String> SECRET_CATEGORIES = Set.of(WELCOME, PASSWORD_RESET, PASSWORD_RECOVERY);

    /** A mail of {@code category} with an HTML part, sanitised here, and the text part derived from it. */
    public static Mail html(long accountId, String category, Optional<Long> recipientPrincipalId, String address,
                            String subject, String untrustedHtml) {
        String clean = HtmlSanitiser.clean(untrustedHtml);
        return new Mail(accountId, category, recipientPrincipalId, address, subject, HtmlSanitiser.text(clean),
                Optional.of(clean), Optional.empty());
    }

    public Mail inSending(String id) {
        return new Mail(accountId, category, recipientPrincipalId, recipientAddress, subject, bodyText, bodyHtml,
                Optional.of(id));
    }
}
