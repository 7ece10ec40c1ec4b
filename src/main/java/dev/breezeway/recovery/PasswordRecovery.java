package dev.breezeway.recovery;

import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.config.RecoveryConfig;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.principal.Credentials;
import dev.breezeway.principal.Face;
import dev.breezeway.principal.Principal;
import dev.breezeway.principal.PrincipalStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * "Forgot password" for users themselves, on both faces ({@code password-forgot}/{@code password-recover},
 * {@code POST /resources/auth/password/forgot}/{@code …/recover}):
 * <ol>
 *   <li>a request names a login or an e-mail address; every live user it names who has an address gets a mail with a
 *       single-use link that works for {@code BREEZEWAY_RECOVERY_LINK_MINUTES} (60). The answer is the same whether or
 *       not anyone was found, and whether or not a mail was sent;</li>
 *   <li>the token of the link sets a new password that passes the face's policy; it ends every session of the user
 *       and every other link of theirs.</li>
 * </ol>
 * Throttled in the database, so alike on every node: an address may ask {@code BREEZEWAY_RECOVERY_MAX_PER_ADDRESS}
 * (20) times an hour (then {@link Problem#TOO_MANY_REQUESTS}, whatever it asks for), and one user is sent at most
 * {@code BREEZEWAY_RECOVERY_MAX_PER_USER} (3) links an hour (more requests answer the same and send nothing). A
 * suspended user is sent nothing.
 */
public final class PasswordRecovery {
    private final DSLContext db;
    private final AccountMail mail;
    private final RecoveryStore links;
    private final PrincipalStore principals;
    private final Credentials credentials;
    private final AuditLog audit;
    private final RecoveryConfig config;
    private final Clock clock;

    public PasswordRecovery(DSLContext db, AccountMail mail, PrincipalStore principals, Credentials credentials,
                            AuditLog audit, RecoveryConfig config, Clock clock) {
        this.db = db;
        this.mail = mail;
        this.links = mail.links();
        this.principals = principals;
        this.credentials = credentials;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** What a forgotten-password request names: a login, or an e-mail address. */
    public sealed interface Who {
        record Login(String login) implements Who {
        }

        record Email(String email) implements Who {
        }
    }

    /**
     * Handles a forgotten-password request from {@code address}: queues the mails and answers nothing either way.
     *
     * @throws ApiException {@link Problem#TOO_MANY_REQUESTS} when the address asked too often in the last hour
     */
    public void forgot(Who who, String address) {
        Instant now = clock.instant();
        Instant since = now.minus(RecoveryConfig.WINDOW);
        if (links.requestsFrom(address, since) >= config.maxPerAddress()) {
            throw ApiException.problem(Problem.TOO_MANY_REQUESTS, "login");
        }
        List<Principal> users = new ArrayList<>();
        if (who instanceof Who.Login l) {
            principals.findByLogin(db, l.login()).filter(p -> p.type().isPerson()).ifPresent(users::add);
        } else if (who instanceof Who.Email e) {
            for (long id : links.usersWithEmail(e.email())) {
                principals.findById(id).ifPresent(users::add);
            }
        }
        db.transaction(() -> {
            boolean sent = false;
            for (Principal u : users) {
                Optional<String> to = u.email().filter(x -> !x.isBlank());
                if (to.isEmpty() || u.suspendedAt().isPresent()) {
                    audit.system(u.accountId(), "recovery.refused", AuditTarget.principal(u.principalId(), u.breezeLogin()),
                            Map.of("reason", to.isEmpty() ? "no-email" : "suspended"));
                } else if (links.linksTo(u.principalId(), since) >= config.maxPerUser()) {
                    audit.system(u.accountId(), "recovery.refused", AuditTarget.principal(u.principalId(), u.breezeLogin()),
                            Map.of("reason", "too-many-links"));
                } else {
                    mail.queueRecovery(u, to.get(), address);
                    audit.system(u.accountId(), "recovery.requested",
                            AuditTarget.principal(u.principalId(), u.breezeLogin()), Map.of());
                    sent = true;
                }
            }
            if (!sent) {
                links.recordRequest(users.stream().findFirst().map(Principal::accountId),
                        users.stream().findFirst().map(Principal::principalId), address, now);
            }
        });
    }

    /**
     * Sets the password of the link's user to {@code password} under {@code face}'s policy and uses up the link (and
     * every other of the user's), in one transaction: a refused password leaves the link usable.
     *
     * @throws ApiException {@code invalid} on {@code token} ({@code no-such-item}) for a token that is unknown, used or
     *                      expired, or whose user is gone or suspended; {@code invalid} on {@code passwordField} when
     *                      the policy refuses the password
     */
    public void complete(String token, String password, Face face, String tokenField, String passwordField) {
        if (token == null || token.isBlank()) {
            throw ApiException.invalid(Invalid.of(tokenField, FieldType.STRING, InvalidSubcode.MISSING));
        }
        if (password == null || password.isEmpty()) {
            throw ApiException.invalid(Invalid.of(passwordField, FieldType.STRING, InvalidSubcode.MISSING));
        }
        db.transaction(() -> {
            Instant now = clock.instant();
            RecoveryStore.Link link = links.lockByToken(token.strip())
                    .filter(l -> l.usedAt().isEmpty() && now.isBefore(l.expiresAt()))
                    .orElseThrow(() -> badToken(tokenField));
            Principal user = principals.findById(db, link.principalId()).filter(p -> p.suspendedAt().isEmpty())
                    .orElseThrow(() -> badToken(tokenField));
            credentials.setFromLink(link.accountId(), user.principalId(), face, passwordField, password);
            links.useAllOf(user.principalId(), now);
        });
    }

    /** Forgets the rows of links that expired more than a day ago. */
    public int purge() {
        return links.purge(clock.instant().minus(java.time.Duration.ofDays(1)));
    }

    private static ApiException badToken(String field) {
        return ApiException.invalid(Invalid.of(field, FieldType.STRING, InvalidSubcode.NO_SUCH_ITEM));
    }
}
