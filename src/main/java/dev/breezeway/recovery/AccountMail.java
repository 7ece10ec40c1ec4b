package dev.breezeway.recovery;

import dev.breezeway.account.AccountStore;
import dev.breezeway.config.RecoveryConfig;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.mail.Mail;
import dev.breezeway.mail.MailTemplates;
import dev.breezeway.mail.Outbox;
import dev.breezeway.principal.Credentials;
import dev.breezeway.principal.Face;
import dev.breezeway.principal.Policies;
import dev.breezeway.principal.Principal;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.principal.WelcomeMail;
import dev.breezeway.session.Session;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The server's own mails about a user's account, each queued through the {@link Outbox} in the transaction of the
 * change it tells of, in the account's template for the user's language ({@link MailTemplates}):
 * <ul>
 *   <li>the welcome mail of a user created with {@code send-email=true}: its login and a single-use link to choose a
 *       password ({@code BREEZEWAY_WELCOME_LINK_HOURS}); the password an administrator chose only when the account's
 *       XML policy has {@code mail-chosen-password} on;</li>
 *   <li>an administrator's reset sent by mail: the temporary password, which logs in once, within
 *       {@code BREEZEWAY_TEMPORARY_PASSWORD_HOURS};</li>
 *   <li>a forgotten-password link ({@link PasswordRecovery}).</li>
 * </ul>
 * Every link is {@code BREEZEWAY_PUBLIC_URL/password-recovery#token=…}: the token travels in the fragment, which a
 * browser never sends, so it stays out of access logs and proxies.
 */
public final class AccountMail implements WelcomeMail {
    /** Where a mailed link leads: the page that sets the password with the token of the fragment. */
    public static final String RECOVERY_PAGE = "/password-recovery";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final DSLContext db;
    private final RecoveryStore links;
    private final MailTemplates templates;
    private final Outbox outbox;
    private final Policies policies;
    private final AccountStore accounts;
    private final PrincipalStore principals;
    private final Credentials credentials;
    private final RecoveryConfig config;
    private final Clock clock;

    public AccountMail(DSLContext db, MailTemplates templates, Outbox outbox, Policies policies, AccountStore accounts,
                       PrincipalStore principals, Credentials credentials, RecoveryConfig config, Clock clock) {
        this.db = db;
        this.links = new RecoveryStore(db);
        this.templates = templates;
        this.outbox = outbox;
        this.policies = policies;
        this.accounts = accounts;
        this.principals = principals;
        this.credentials = credentials;
        this.config = config;
        this.clock = clock;
    }

    RecoveryStore links() {
        return links;
    }

    @Override
    public void queue(Session caller, Principal user, Optional<String> chosenPassword) {
        String address = user.email().orElseThrow(() -> ApiException.invalid(
                Invalid.of("email", FieldType.STRING, InvalidSubcode.MISSING)));
        Map<String, String> values = values(user);
        String template;
        if (chosenPassword.isPresent() && policies.of(user.accountId(), Face.XML).mailChosenPassword()) {
            template = MailTemplates.WELCOME_PASSWORD;
            values.put("password", chosenPassword.get());
        } else {
            template = MailTemplates.WELCOME;
            Instant now = clock.instant();
            Instant until = now.plus(config.welcomeLink());
            values.put("link", link(links.issue(user.accountId(), user.principalId(), RecoveryStore.WELCOME,
                    origin(), now, until)));
            values.put("expires", WHEN.format(until));
        }
        outbox.enqueue(caller, mail(user, address, Mail.WELCOME, template, values));
    }

    /**
     * Resets the user's password to a generated temporary one and mails it to the user instead of showing it, in one
     * transaction: nothing is reset when the user has no address, nothing is sent when the reset fails.
     *
     * @throws ApiException {@code invalid} on {@code email} ({@code missing}) when the user has no e-mail address
     */
    public Outbox.Queued resetByMail(Session caller, long principalId) {
        Principal user = principals.findById(principalId).filter(p -> p.accountId() == caller.accountId())
                .orElseThrow(ApiException::noData);
        String address = user.email().filter(e -> !e.isBlank()).orElseThrow(() -> ApiException.invalid(
                Invalid.of("email", FieldType.STRING, InvalidSubcode.MISSING)));
        return db.transactionResult(() -> {
            String temporary = credentials.resetGenerated(caller, principalId);
            Map<String, String> values = values(user);
            values.put("password", temporary);
            values.put("expires", WHEN.format(clock.instant().plus(config.temporaryPassword())));
            return outbox.enqueue(caller, mail(user, address, Mail.PASSWORD_RESET, MailTemplates.PASSWORD_RESET, values));
        });
    }

    /** Queues a forgotten-password link for {@code user}, in the caller's transaction. */
    void queueRecovery(Principal user, String address, String requestedFrom) {
        Instant now = clock.instant();
        Instant until = now.plus(config.recoveryLink());
        Map<String, String> values = values(user);
        values.put("link", link(links.issue(user.accountId(), user.principalId(), RecoveryStore.FORGOT, requestedFrom,
                now, until)));
        values.put("expires", WHEN.format(until));
        outbox.enqueueSystem(mail(user, address, Mail.PASSWORD_RECOVERY, MailTemplates.PASSWORD_RECOVERY, values));
    }

    private Map<String, String> values(Principal user) {
        Map<String, String> values = new HashMap<>();
        values.put("account", accounts.name(user.accountId()).orElse("Breezeway"));
        values.put("name", user.firstName().orElse(user.name()));
        values.put("login", user.breezeLogin());
        values.put("url", config.link("/"));
        return values;
    }

    private Mail mail(Principal user, String address, String category, String template, Map<String, String> values) {
        MailTemplates.Rendered r = templates.render(user.accountId(), template, user.lang(), values);
        return new Mail(user.accountId(), category, Optional.of(user.principalId()), address, r.subject(), r.bodyText(),
                r.bodyHtml(), Optional.empty());
    }

    private String link(String token) {
        return config.link(RECOVERY_PAGE) + "#token=" + token;
    }

    private static String origin() {
        return dev.breezeway.audit.AuditContext.current().map(dev.breezeway.audit.AuditContext.Origin::address)
                .orElse("");
    }
}
