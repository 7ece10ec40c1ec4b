package dev.breezeway.principal;

import dev.breezeway.access.Authorizer;
import dev.breezeway.auth.PasswordHasher;
import dev.breezeway.auth.PasswordPolicy;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.session.Session;
import dev.breezeway.session.SessionStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * A principal's password, the one place that sets it and ends the sessions that go with the old one:
 * set by an administrator or by the user itself ({@code user-update-pwd}), reset to a temporary one
 * (generated, e.g. {@code Tmp9…}, or chosen by the administrator), changed by the user with its
 * current password. Nobody sets the password of a principal more powerful than themselves.
 */
public final class Credentials {
    private final DSLContext db;
    private final PrincipalStore store;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Authorizer authz;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Credentials(DSLContext db, PrincipalStore store, SessionStore sessions, PasswordHasher hasher,
                       PasswordPolicy policy, Authorizer authz, Clock clock) {
        this.db = db;
        this.store = store;
        this.sessions = sessions;
        this.hasher = hasher;
        this.policy = policy;
        this.authz = authz;
        this.clock = clock;
    }

    /** Refuses a password that breaks the policy: {@code range} for its length, {@code format} otherwise. */
    public void checkPassword(String field, String password, String... userInputs) {
        if (password.length() < PasswordPolicy.MIN_LENGTH || password.length() > PasswordPolicy.MAX_LENGTH) {
            throw ApiException.invalid(Invalid.range(field, FieldType.STRING, PasswordPolicy.MIN_LENGTH,
                    PasswordPolicy.MAX_LENGTH));
        }
        if (policy.violation(password, userInputs).isPresent()) {
            throw ApiException.invalid(Invalid.of(field, FieldType.STRING, InvalidSubcode.FORMAT));
        }
    }

    /** The hash to store for a password that passed {@link #checkPassword}. */
    String hash(String password) {
        return hasher.hash(password);
    }

    /**
     * Sets a user's password ({@code user-update-pwd}). Holders of {@code users:password-reset} set the
     * password of anyone no more powerful than themselves without the old one; a user sets its own with
     * {@code oldPassword}. Other sessions of the user end; the caller's stays.
     */
    public void set(Session caller, long userId, String password, Optional<String> oldPassword) {
        Principal target = store.findById(userId).filter(p -> p.accountId() == caller.accountId())
                .filter(p -> !p.type().isGroup())
                .orElseThrow(() -> ApiException.invalid(Invalid.of("user-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM)));
        if (!authz.can(caller, PermissionCatalogue.USERS_PASSWORD_RESET)) {
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
        checkPassword("password", password, target.breezeLogin());
        write(userId, hasher.hash(password), false,
                caller.principalId() == userId ? Optional.of(caller.sessionId()) : Optional.empty());
    }

    /**
     * Sets a password the principal must change at its next login, chosen by the caller (seed 002's
     * reset); every session of the principal ends.
     */
    public void setTemporary(Session caller, long principalId, String password, String field) {
        authz.requireMayActOn(caller, principalId);
        checkPassword(field, password);
        write(principalId, hasher.hash(password), true, Optional.empty());
    }

    /** Sets a generated temporary password (returned once) and ends the principal's sessions. */
    public String resetGenerated(Session caller, long principalId) {
        authz.requireMayActOn(caller, principalId);
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        // The fixed prefix guarantees an upper-case letter, a lower-case letter and a digit.
        String temporary = "Tmp9" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        write(principalId, hasher.hash(temporary), true, Optional.empty());
        return temporary;
    }

    /** The caller changes its own password; its other sessions end and a temporary-password session becomes a normal one. */
    public void changeOwn(Session caller, String current, String next) {
        Optional<String> hash = store.passwordHash(db, caller.principalId());
        if (hash.isEmpty() || !hasher.verify(current, hash.get())) {
            throw ApiException.problem(Problem.INVALID_CREDENTIALS, "currentPassword");
        }
        checkPassword("newPassword", next, caller.login());
        String newHash = hasher.hash(next);
        db.transaction(() -> {
            store.setPassword(db, caller.principalId(), newHash, false, clock.instant());
            endSessions(db, caller.principalId(), Optional.of(caller.sessionId()));
            sessions.clearMustChangePassword(caller.sessionId());
        });
    }

    private void write(long principalId, String hash, boolean temporary, Optional<Long> keep) {
        db.transaction(() -> {
            store.setPassword(db, principalId, hash, temporary, clock.instant());
            endSessions(db, principalId, keep);
        });
    }

    /** Ends every session of the principal but {@code keep}, at once: the one place sessions end for a principal. */
    void endSessions(DSLContext tx, long principalId, Optional<Long> keep) {
        sessions.revokeAllOf(tx, principalId, keep, clock.instant());
    }

    Instant now() {
        return clock.instant();
    }
}
