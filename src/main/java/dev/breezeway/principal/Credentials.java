package dev.breezeway.principal;

import dev.breezeway.access.Authorizer;
import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.auth.PasswordHasher;
import dev.breezeway.auth.PasswordPolicy;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.session.Session;
import dev.breezeway.session.SessionStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * A principal's password, the one place that sets it and ends the sessions that go with the old one:
 * set by an administrator or by the user itself ({@code user-update-pwd}), reset to a temporary one
 * (generated, e.g. {@code Tmp9…}, or chosen by the administrator), changed by the user with its
 * current password. Each face's policy ({@link Policies}) decides what is acceptable, e.g. a 10-letter
 * lower-case hex password on the XML face by default; nobody sets the password of a principal more
 * powerful than themselves.
 */
public final class Credentials {
    private final DSLContext db;
    private final CredentialStore store;
    private final PrincipalStore principals;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Policies policies;
    private final Authorizer authz;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AuditLog audit;
    private final Duration temporaryLifetime;

    /** @param temporaryLifetime how long a temporary password can be used (once), e.g. 72 hours */
    public Credentials(DSLContext db, PrincipalStore principals, SessionStore sessions, PasswordHasher hasher,
                       PasswordPolicy policy, Policies policies, Authorizer authz, Clock clock, AuditLog audit,
                       Duration temporaryLifetime) {
        this.audit = audit;
        this.temporaryLifetime = temporaryLifetime;
        this.db = db;
        this.store = new CredentialStore(db);
        this.principals = principals;
        this.sessions = sessions;
        this.hasher = hasher;
        this.policy = policy;
        this.policies = policies;
        this.authz = authz;
        this.clock = clock;
    }

    /** What is wrong with a password under the face's policy: {@code range} for its length, {@code format} otherwise. */
    public List<Invalid> problems(long accountId, Face face, String field, String password, String... userInputs) {
        PasswordRules rules = policies.of(accountId, face);
        if (policy.badLength(rules, password)) {
            return List.of(Invalid.range(field, FieldType.STRING, rules.minLength(), rules.maxLength()));
        }
        if (policy.violation(rules, password, userInputs).isPresent()) {
            return List.of(Invalid.of(field, FieldType.STRING, InvalidSubcode.FORMAT));
        }
        return List.of();
    }

    /** @throws ApiException {@code invalid} with {@link #problems} if there are any */
    public void checkPassword(long accountId, Face face, String field, String password, String... userInputs) {
        List<Invalid> p = problems(accountId, face, field, password, userInputs);
        if (!p.isEmpty()) {
            throw ApiException.invalid(p);
        }
    }

    /** The hash to store for a password that passed {@link #checkPassword}. */
    String hash(String password) {
        return hasher.hash(password);
    }

    /** When a password set now under the face's policy expires, if it does. */
    Optional<Instant> expiryOf(long accountId, Face face) {
        int days = policies.of(accountId, face).expiryDays();
        return days > 0 ? Optional.of(clock.instant().plus(Duration.ofDays(days))) : Optional.empty();
    }

    /** Records the expiry of the password a new principal was created with (inside the create's transaction). */
    void startExpiry(DSLContext tx, long accountId, long principalId, Face face) {
        expiryOf(accountId, face).ifPresent(at -> store.setExpiry(tx, principalId, at));
    }

    /** Marks the password just stored with a new principal as temporary, inside the create's transaction. */
    public void markTemporary(DSLContext tx, long principalId) {
        store.markTemporary(tx, principalId, clock.instant().plus(temporaryLifetime));
    }

    /**
     * A temporary password expires on first use: the login that presents it uses it up here, and gets a session that
     * may only change it; any later login with it is refused like a wrong password. False when another login used it
     * first.
     */
    public boolean useTemporary(long principalId) {
        return store.useTemporary(principalId, clock.instant());
    }

    /**
     * Sets a user's password ({@code user-update-pwd}, the XML face's policy). Holders of
     * {@code users:password-reset} set the password of anyone no more powerful than themselves without
     * the old one; a user sets its own with {@code oldPassword}. Other sessions of the user end; the
     * caller's stays, and may do everything again if it was held back for a password change.
     */
    public void set(Session caller, long userId, String password, Optional<String> oldPassword) {
        Principal target = principals.findById(userId).filter(p -> p.accountId() == caller.accountId())
                .filter(p -> !p.type().isGroup())
                .orElseThrow(() -> ApiException.invalid(Invalid.of("user-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM)));
        if (!authz.can(caller, PermissionCatalogue.USERS_PASSWORD_RESET) || caller.mustChangePassword()) {
            if (caller.principalId() != userId) {
                throw Authorizer.denied();
            }
            String old = oldPassword.orElseThrow(() -> ApiException.invalid(
                    Invalid.of("password-old", FieldType.STRING, InvalidSubcode.MISSING)));
            Optional<String> hash = store.passwordHash(db, userId);
            if (hash.isEmpty() || !hasher.verify(old, hash.get())) {
                throw Authorizer.denied();
            }
        }
        authz.requireMayActOn(caller, userId);
        checkPassword(caller.accountId(), Face.XML, "password", password, target.breezeLogin());
        requireNotReused(caller.accountId(), Face.XML, userId, "password", password);
        boolean self = caller.principalId() == userId;
        write(caller, self ? "credentials.change" : "credentials.set", Face.XML, userId, hasher.hash(password), false,
                self ? Optional.of(caller.sessionId()) : Optional.empty());
        if (self) {
            sessions.clearMustChangePassword(caller.sessionId());
        }
    }

    /**
     * Sets a password the principal must change at its next login, chosen by the caller (seed 002's
     * reset, the JSON face's policy); every session of the principal ends.
     */
    public void setTemporary(Session caller, long principalId, String password, String field) {
        authz.requireMayActOn(caller, principalId);
        checkPassword(caller.accountId(), Face.JSON, field, password);
        write(caller, "credentials.set", Face.JSON, principalId, hasher.hash(password), true, Optional.empty());
    }

    /**
     * Sets a generated temporary password (returned once) and ends the principal's sessions. It is never
     * checked against a policy: its only use is the one login that must change it.
     */
    public String resetGenerated(Session caller, long principalId) {
        authz.requireMayActOn(caller, principalId);
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        // The fixed prefix guarantees an upper-case letter, a lower-case letter and a digit.
        String temporary = "Tmp9" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        write(caller, "credentials.reset", Face.JSON, principalId, hasher.hash(temporary), true, Optional.empty());
        return temporary;
    }

    /**
     * The caller changes its own password (the JSON face's policy); its other sessions end and a
     * temporary-password session becomes a normal one.
     */
    public void changeOwn(Session caller, String current, String next) {
        Optional<String> hash = store.passwordHash(db, caller.principalId());
        if (hash.isEmpty() || !hasher.verify(current, hash.get())) {
            throw ApiException.problem(Problem.INVALID_CREDENTIALS, "currentPassword");
        }
        checkPassword(caller.accountId(), Face.JSON, "newPassword", next, caller.login());
        requireNotReused(caller.accountId(), Face.JSON, caller.principalId(), "newPassword", next);
        write(caller, "credentials.change", Face.JSON, caller.principalId(), hasher.hash(next), false,
                Optional.of(caller.sessionId()));
        sessions.clearMustChangePassword(caller.sessionId());
    }

    /**
     * Sets the password a user chose through a single-use link of a mail (a forgotten password, a welcome mail), in the
     * calling transaction: the face's policy and history apply, the password is no longer temporary, every session of
     * the user ends, and the audit trail records {@code credentials.recover} (no actor: the link is the proof).
     *
     * @throws ApiException {@code invalid} on {@code field} if the policy refuses the password
     */
    public void setFromLink(long accountId, long principalId, Face face, String field, String password) {
        Principal p = principals.findById(db, principalId).filter(x -> x.accountId() == accountId)
                .orElseThrow(ApiException::noData);
        checkPassword(accountId, face, field, password, p.breezeLogin());
        requireNotReused(accountId, face, principalId, field, password);
        String hash = hasher.hash(password);
        db.transaction(() -> {
            store.write(db, principalId, hash, false, expiryOf(accountId, face), clock.instant());
            endSessions(db, principalId, Optional.empty());
            audit.system(accountId, "credentials.recover", AuditTarget.principal(principalId, p.breezeLogin()),
                    Map.of("temporary", false));
        });
    }

    /** A new password may not be one of the last N (the face's history setting): {@code format} if it is. */
    private void requireNotReused(long accountId, Face face, long principalId, String field, String password) {
        int n = policies.of(accountId, face).historyCount();
        if (n == 0) {
            return;
        }
        for (String h : store.recentHashes(principalId, n)) {
            if (hasher.verify(password, h)) {
                throw ApiException.invalid(Invalid.of(field, FieldType.STRING, InvalidSubcode.FORMAT))
                        .describedAs("Password must not be one of the last " + n);
            }
        }
    }

    /** Writes a new password and ends sessions; the audit event says that it changed, never what it is. */
    private void write(Session caller, String kind, Face face, long principalId, String hash, boolean temporary,
                       Optional<Long> keep) {
        Optional<Instant> expires = temporary ? Optional.of(clock.instant().plus(temporaryLifetime))
                : expiryOf(caller.accountId(), face);
        db.transaction(() -> {
            store.write(db, principalId, hash, temporary, expires, clock.instant());
            endSessions(db, principalId, keep);
            audit.change(caller, kind, AuditTarget.principal(principalId,
                    principals.findById(db, principalId).map(Principal::breezeLogin).orElse(null)),
                    Map.of("temporary", temporary));
        });
    }

    /**
     * The operator's recovery ({@code --reset-admin-password}): stores {@code hash} as the principal's
     * password (not temporary, no expiry) and ends every session it has, inside {@code tx}.
     */
    void recover(DSLContext tx, long principalId, String hash) {
        store.write(tx, principalId, hash, false, Optional.empty(), clock.instant());
        endSessions(tx, principalId, Optional.empty());
    }

    /** Ends every session of the principal but {@code keep}, at once: the one place sessions end for a principal. */
    void endSessions(DSLContext tx, long principalId, Optional<Long> keep) {
        sessions.revokeAllOf(tx, principalId, keep, clock.instant());
    }

    Instant now() {
        return clock.instant();
    }
}
