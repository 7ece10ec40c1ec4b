package dev.breezeway.mail;

import java.util.Optional;

/**
 * One mail to one recipient, as a feature hands it to {@link Outbox#enqueue}: e.g. a password reset for principal
 * 1000009 at {@code ada@example.com}. {@code bodyHtml}, when present, must already be sanitised
 * ({@link HtmlSanitiser#clean}); {@code bodyText} is the plain-text part every mail carries.
 *
 * @param sendingId groups mails created together (one Sendings API request); empty → a new one
 */
public record Mail(long accountId, String category, Optional<Long> recipientPrincipalId, String recipientAddress,
                   String subject, String bodyText, Optional<String> bodyHtml, Optional<String> sendingId) {

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
