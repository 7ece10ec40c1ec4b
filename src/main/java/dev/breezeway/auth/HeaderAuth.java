package dev.breezeway.auth;

import static dev.breezeway.db.gen.Tables.HEADER_AUTH;

import dev.breezeway.access.Authorizer;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.config.HeaderAuthConfig;
import dev.breezeway.db.Times;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.principal.LastActive;
import dev.breezeway.principal.Principal;
import dev.breezeway.principal.SignIn;
import dev.breezeway.session.Session;
import dev.breezeway.session.SessionService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;

/**
 * Adobe Connect's HTTP header authentication: an authenticating proxy (Kerberos, a web SSO agent) names the user in
 * a header, e.g. {@code X-Remote-User: CORP\ada}, and {@code login&external-auth=use} (or the first {@code /api/xml}
 * request without a session) logs in the user whose ext-login that is. The header counts only on a connection from a
 * trusted proxy; from anywhere else it is ignored, so nobody can name themselves anyone. The settings start as
 * {@code BREEZEWAY_HEADER_AUTH_NAME}/{@code _TRUSTED} say; an administrator's change is stored in the database (every
 * node reads it at each header login) and outlives restarts until it is reset.
 */
public final class HeaderAuth {
    private static final byte ROW = 1;
    private final DSLContext db;
    private final HeaderAuthConfig startup;
    private final SignIn signIn;
    private final SessionService sessions;
    private final LastActive lastActive;
    private final Authorizer authz;
    private final AuditLog audit;
    private final Clock clock;
    private final LongSupplier defaultAccount;

    /** @param defaultAccount the account a refused login of an unknown identity is recorded in */
    public HeaderAuth(DSLContext db, HeaderAuthConfig startup, SignIn signIn, SessionService sessions,
                      LastActive lastActive, Authorizer authz, AuditLog audit, Clock clock, LongSupplier defaultAccount) {
        this.defaultAccount = defaultAccount;
        this.db = db;
        this.startup = startup;
        this.signIn = signIn;
        this.sessions = sessions;
        this.lastActive = lastActive;
        this.authz = authz;
        this.audit = audit;
        this.clock = clock;
    }

    /** The settings in force and whether they are an administrator's ({@code stored}) or the start-up values. */
    public record Current(HeaderAuthConfig settings, boolean stored) {
    }

    /** The settings in force now: the stored ones if an administrator set them, else the start-up values. */
    public Current current() {
        return db.selectFrom(HEADER_AUTH).where(HEADER_AUTH.SETTING_ID.eq(ROW)).fetchOptional()
                .map(r -> new Current(new HeaderAuthConfig(Optional.ofNullable(r.getHeaderName()),
                        HeaderAuthConfig.split(r.getTrusted())), true))
                .orElseGet(() -> new Current(startup, false));
    }

    /**
     * The external identity a request carries: the configured header's value, when header authentication is on and
     * the connection comes from a trusted proxy; empty otherwise (and then nothing is looked up).
     *
     * @param peer    the address of the connection's other end (never a forwarded-for header)
     * @param headers the request's header values by name
     */
    public Optional<String> identity(String peer, UnaryOperator<String> headers) {
        if (startup.header().isEmpty() && !db.fetchExists(HEADER_AUTH)) {
            return Optional.empty();  // off and never set at run time: the common case costs one cheap query
        }
        HeaderAuthConfig c = current().settings();
        if (!c.enabled() || !c.trusts(peer)) {
            return Optional.empty();
        }
        return Optional.ofNullable(headers.apply(c.header().get())).map(String::strip)
                .filter(v -> !v.isEmpty() && v.length() <= 255);
    }

    /**
     * Logs in the active user whose ext-login is {@code identity} and returns the new session's token; an unknown,
     * suspended or group identity is {@code no-data}, as a failed password login.
     */
    public String login(String identity, Optional<String> userAgent) {
        Optional<Principal> found = signIn.byExternalLogin(identity);
        if (found.isEmpty() || found.get().suspendedAt().isPresent()) {
            audit.loginRefused(found.map(Principal::accountId).orElseGet(defaultAccount::getAsLong), "login.failed", found.map(Principal::principalId), identity,
                    Map.of("reason", found.isEmpty() ? "unknown-ext-login" : "suspended", "via", "header"));
            throw ApiException.noData();
        }
        Principal p = found.get();
        String token = sessions.startHeader(p.principalId(), p.accountId(), userAgent);
        audit.loginOk(p.accountId(), p.principalId(), p.breezeLogin(), "login.ok",
                AuditTarget.principal(p.principalId(), p.breezeLogin()));
        lastActive.record(p.principalId(), clock.instant());
        return token;
    }

    /**
     * Changes the settings (empty keeps a value; a blank header turns header authentication off), with
     * {@code sign-in:manage}: whoever sets them can sign in as any user. The same change twice leaves the same state.
     */
    public Current update(Session caller, Optional<String> header, Optional<List<String>> trusted) {
        authz.require(caller, PermissionCatalogue.SIGN_IN_MANAGE);
        Current before = current();
        Optional<String> newHeader = header.isPresent() ? header.map(String::strip).filter(h -> !h.isEmpty())
                : before.settings().header();
        List<String> newTrusted = trusted.orElse(before.settings().trusted());
        HeaderAuthConfig.problem(newHeader, newTrusted).ifPresent(p -> {
            throw ApiException.invalid(Invalid.of(newHeader.isPresent() && p.startsWith("the header")
                    ? "header-name" : "trusted", FieldType.STRING, InvalidSubcode.FORMAT));
        });
        db.transaction(() -> {
            db.insertInto(HEADER_AUTH)
                    .set(HEADER_AUTH.SETTING_ID, ROW)
                    .set(HEADER_AUTH.HEADER_NAME, newHeader.orElse(null))
                    .set(HEADER_AUTH.TRUSTED, String.join(",", newTrusted))
                    .set(HEADER_AUTH.UPDATED_BY, caller.principalId())
                    .set(HEADER_AUTH.UPDATED_AT, Times.toLocal(clock.instant()))
                    .onDuplicateKeyUpdate()
                    .set(HEADER_AUTH.HEADER_NAME, newHeader.orElse(null))
                    .set(HEADER_AUTH.TRUSTED, String.join(",", newTrusted))
                    .set(HEADER_AUTH.UPDATED_BY, caller.principalId())
                    .set(HEADER_AUTH.UPDATED_AT, Times.toLocal(clock.instant()))
                    .execute();
            audit.change(caller, "header-auth.update", new AuditTarget("setting", "header-auth", "header-auth"),
                    details(newHeader, newTrusted));
        });
        return current();
    }

    /** Forgets an administrator's settings: the start-up values apply again. */
    public Current reset(Session caller) {
        authz.require(caller, PermissionCatalogue.SIGN_IN_MANAGE);
        db.transaction(() -> {
            db.deleteFrom(HEADER_AUTH).where(HEADER_AUTH.SETTING_ID.eq(ROW)).execute();
            audit.change(caller, "header-auth.reset", new AuditTarget("setting", "header-auth", "header-auth"),
                    details(startup.header(), startup.trusted()));
        });
        return current();
    }

    private static Map<String, Object> details(Optional<String> header, List<String> trusted) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("header-name", header.orElse(""));
        d.put("trusted", String.join(",", trusted));
        return d;
    }
}
