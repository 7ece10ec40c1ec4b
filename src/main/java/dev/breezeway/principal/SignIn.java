package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.access.Authorizer;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.db.Constraints;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.session.Session;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * How a user signs in, besides its password: its external authentication id (Adobe's {@code ext-login}, e.g.
 * {@code CORP\ada} as an authenticating proxy names her; unset, it is the login) and whether password login is
 * allowed at all ({@code passwordLogin: false} makes an SSO-only user). Both are credentials: changing them takes
 * {@code users:update} on a principal no more powerful than the caller, never on oneself (nobody changes their own
 * authorization), and turning password login off ends the user's sessions.
 */
public final class SignIn {
    static final int EXT_LOGIN_MAX = 255;
    private final DSLContext db;
    private final PrincipalStore principals;
    private final Credentials credentials;
    private final Authorizer authz;
    private final AuditLog audit;
    private final Clock clock;

    public SignIn(DSLContext db, PrincipalStore principals, Credentials credentials, Authorizer authz, AuditLog audit,
                  Clock clock) {
        this.db = db;
        this.principals = principals;
        this.credentials = credentials;
        this.authz = authz;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A change of how a user signs in; empty leaves a value as it is.
     *
     * @param extLogin the new external id; an empty or blank string clears it (back to the login)
     */
    public record Change(Optional<String> extLogin, Optional<Boolean> passwordLogin) {
        public boolean isEmpty() {
            return extLogin.isEmpty() && passwordLogin.isEmpty();
        }
    }

    /**
     * Applies {@code change} to user {@code principalId} of the caller's account; the same change twice leaves the
     * same state. A taken external id (another principal's ext-login, or the login of one without an ext-login)
     * is {@code duplicate} on {@code field}.
     */
    public void change(Session caller, long principalId, Change change, String field) {
        if (change.isEmpty()) {
            return;
        }
        Optional<String> ext = change.extLogin().map(String::strip);
        if (ext.filter(v -> v.length() > EXT_LOGIN_MAX).isPresent()) {
            throw ApiException.invalid(Invalid.of(field, FieldType.STRING, InvalidSubcode.RANGE));
        }
        try {
            db.transaction(() -> {
                Principal p = principals.findById(db, principalId)
                        .filter(x -> x.accountId() == caller.accountId() && x.type().isPerson())
                        .orElseThrow(() -> ApiException.invalid(
                                Invalid.of("principal-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM)));
                Optional<String> newExt = ext.map(v -> v.isEmpty() || v.equals(p.breezeLogin()) ? null : v)
                        .map(Optional::ofNullable).orElse(p.extLogin());
                boolean passwordLogin = change.passwordLogin().orElse(p.passwordLogin());
                Map<String, Object> changed = new LinkedHashMap<>();
                if (!newExt.equals(p.extLogin())) {
                    changed.put("ext-login", newExt.orElse(p.breezeLogin()));
                }
                if (passwordLogin != p.passwordLogin()) {
                    changed.put("password-login", passwordLogin);
                }
                if (changed.isEmpty()) {
                    return;  // what the principal already has (e.g. a detail sent back as it was read): no check
                }
                authz.require(caller, PermissionCatalogue.USERS_UPDATE);
                authz.requireNotSelf(caller, principalId);
                authz.requireMayActOn(caller, principalId);
                if (changed.containsKey("ext-login") && newExt.isPresent() && taken(newExt.get(), principalId)) {
                    throw duplicate(field);
                }
                db.update(PRINCIPAL)
                        .set(PRINCIPAL.EXT_LOGIN, newExt.orElse(null))
                        .set(PRINCIPAL.PASSWORD_LOGIN, passwordLogin)
                        .set(PRINCIPAL.VERSION, PRINCIPAL.VERSION.plus(1))
                        .set(PRINCIPAL.UPDATED_AT, dev.breezeway.db.Times.toLocal(clock.instant()))
                        .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId))
                        .execute();
                if (!passwordLogin && p.passwordLogin()) {
                    credentials.endSessions(db, principalId, Optional.empty());
                }
                audit.change(caller, "principal.sign-in", AuditTarget.principal(principalId, p.breezeLogin()), changed);
            });
        } catch (DataAccessException e) {
            if (Constraints.violated(e, "uk_principal_ext_login")) {
                throw duplicate(field);
            }
            throw e;
        }
    }

    /**
     * Runs {@code write} (a face's change of the principal's other fields, e.g. principal-update's) and then
     * {@link #change}, in one transaction: a refused sign-in change leaves the other fields unwritten too.
     */
    public void changeWith(Session caller, long principalId, Change change, String field, Runnable write) {
        db.transaction(() -> {
            write.run();
            change(caller, principalId, change, field);
        });
    }

    /** True if {@code ext} already names another principal: as its ext-login, or as the login of one without. */
    private boolean taken(String ext, long self) {
        return db.fetchExists(PRINCIPAL, PRINCIPAL.PRINCIPAL_ID.ne(self).and(PRINCIPAL.EXT_LOGIN.eq(ext)
                .or(PRINCIPAL.EXT_LOGIN.isNull().and(PRINCIPAL.LOGIN.eq(ext)))));
    }

    /**
     * The active user (not suspended, not deleted) an external identity names: the one with this ext-login, else the
     * one whose login it is and that has none of its own.
     */
    public Optional<Principal> byExternalLogin(String ext) {
        return db.selectFrom(PRINCIPAL)
                .where(PRINCIPAL.EXT_LOGIN.eq(ext).or(PRINCIPAL.EXT_LOGIN.isNull().and(PRINCIPAL.LOGIN.eq(ext))))
                .and(PRINCIPAL.DELETED_AT.isNull())
                .orderBy(DSL.when(PRINCIPAL.EXT_LOGIN.eq(ext), 0).otherwise(1))
                .limit(1)
                .fetchOptional(PrincipalStore::toPrincipal)
                .filter(p -> p.type().isPerson());
    }

    private static ApiException duplicate(String field) {
        return ApiException.invalid(Invalid.of(field, FieldType.STRING, InvalidSubcode.DUPLICATE));
    }
}
