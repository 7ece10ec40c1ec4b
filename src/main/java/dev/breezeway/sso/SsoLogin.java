package dev.breezeway.sso;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;
import static dev.breezeway.db.gen.Tables.SSO_LINK;
import static dev.breezeway.db.gen.Tables.SSO_LOGIN_STATE;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.config.RecoveryConfig;
import dev.breezeway.db.Times;
import dev.breezeway.db.gen.tables.records.SsoLoginStateRecord;
import dev.breezeway.principal.LastActive;
import dev.breezeway.principal.Principal;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.principal.Provisioning;
import dev.breezeway.session.SessionService;
import dev.breezeway.session.Tokens;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in through an OpenID Connect provider: {@link #begin} records the sign-in (state, nonce, PKCE verifier,
 * the browser it belongs to) and names the provider's URL; {@link #complete} takes the provider's answer once, on
 * any node, and opens an ordinary session. Who the provider's user is, in this order: the user linked to its
 * {@code sub} at an earlier sign-in; with link-by-email on, the account's user whose email the provider says is
 * verified (then linked); with just-in-time provisioning on, a new user (then linked); else nobody, refused.
 */
public final class SsoLogin {
    /** How long a sign-in may take between the redirect to the provider and its callback. */
    public static final Duration PENDING = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(SsoLogin.class);
    private final DSLContext db;
    private final SsoProviders providers;
    private final OidcClient oidc;
    private final PrincipalStore principals;
    private final Provisioning provisioning;
    private final SessionService sessions;
    private final LastActive lastActive;
    private final AuditLog audit;
    private final RecoveryConfig links;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SsoLogin(DSLContext db, SsoProviders providers, PrincipalStore principals, Provisioning provisioning,
                    SessionService sessions, LastActive lastActive, AuditLog audit, RecoveryConfig links,
                    Clock clock) {
        this.db = db;
        this.providers = providers;
        this.oidc = new OidcClient(clock);
        this.principals = principals;
        this.provisioning = provisioning;
        this.sessions = sessions;
        this.lastActive = lastActive;
        this.audit = audit;
        this.links = links;
        this.clock = clock;
    }

    /** A sign-in refused; {@code reason} is the code the page shows (see the README's table). */
    public static final class Refused extends RuntimeException {
        private final String reason;

        public Refused(String reason) {
            super(reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** A sign-in begun: the provider's URL to send the browser to, and the value of its binding cookie. */
    public record Started(URI redirect, String browserKey) {
    }

    /** A sign-in completed: the new session's token, and where the browser goes next. */
    public record Completed(String token, String returnTo) {
    }

    /** The URL the provider sends the browser back to: {@code BREEZEWAY_PUBLIC_URL/sso/{slug}/callback}. */
    public URI callbackUri(String slug) {
        return publicUri("/sso/" + slug + "/callback");
    }

    /** {@code BREEZEWAY_PUBLIC_URL} + {@code path}: this server as users reach it. */
    public URI publicUri(String path) {
        return URI.create(links.link(path));
    }

    /** Starts a sign-in with the enabled provider {@code slug}; {@code returnTo} is a path on this server. */
    public Started begin(String slug, String returnTo) {
        SsoProvider p = providers.bySlug(slug).filter(SsoProvider::enabled)
                .orElseThrow(() -> new Refused("unknown-provider"));
        String state = random(32);
        String nonce = random(32);
        String verifier = random(48);
        String browser = random(32);
        URI to;
        try {
            to = oidc.authorizationUri(p, callbackUri(slug), state, nonce, verifier);
        } catch (OidcClient.Failure e) {
            log.warn("SSO sign-in with {} cannot start: {}", slug, e.getMessage());
            throw new Refused(e.reason);
        }
        Instant now = clock.instant();
        db.insertInto(SSO_LOGIN_STATE)
                .set(SSO_LOGIN_STATE.STATE_HASH, Tokens.hash(state))
                .set(SSO_LOGIN_STATE.PROVIDER_ID, p.providerId())
                .set(SSO_LOGIN_STATE.BROWSER_HASH, Tokens.hash(browser))
                .set(SSO_LOGIN_STATE.NONCE, nonce)
                .set(SSO_LOGIN_STATE.CODE_VERIFIER, verifier)
                .set(SSO_LOGIN_STATE.RETURN_TO, returnTo)
                .set(SSO_LOGIN_STATE.CREATED_AT, Times.toLocal(now))
                .set(SSO_LOGIN_STATE.EXPIRES_AT, Times.toLocal(now.plus(PENDING)))
                .execute();
        return new Started(to, browser);
    }

    /**
     * Completes the sign-in the provider's callback names. The state is used once: a second callback with it is
     * {@code replayed}, whichever node it reaches. An answer for another browser, an expired or unknown state, a
     * provider's error and every refused ID token are refusals; nothing is written but the state's use.
     */
    public Completed complete(String slug, Optional<String> state, Optional<String> code, Optional<String> error,
                              Optional<String> browserKey, Optional<String> userAgent) {
        SsoLoginStateRecord pending = consume(state, browserKey);
        SsoProvider p = providers.byId(pending.getProviderId()).filter(SsoProvider::enabled)
                .filter(x -> x.slug().equals(slug)).orElseThrow(() -> new Refused("unknown-provider"));
        if (error.isPresent() || code.isEmpty()) {
            throw refuse(p, "provider-refused", Optional.empty(), error.orElse("no code"));
        }
        IDTokenClaimsSet claims;
        try {
            claims = oidc.redeem(p, providers.secretOf(p), callbackUri(slug), code.get(), pending.getCodeVerifier(),
                    pending.getNonce());
        } catch (OidcClient.Failure e) {
            throw refuse(p, e.reason, Optional.empty(), e.getMessage());
        }
        String subject = claims.getSubject().getValue();
        Principal who = db.transactionResult(() -> principalFor(p, claims));
        if (who.suspendedAt().isPresent()) {
            throw refuse(p, "suspended", Optional.of(who), subject);
        }
        String token = sessions.startSso(who.principalId(), who.accountId(), p.providerId(), userAgent);
        audit.loginOk(who.accountId(), who.principalId(), who.breezeLogin(), "login.ok",
                AuditTarget.principal(who.principalId(), who.breezeLogin()));
        lastActive.record(who.principalId(), clock.instant());
        return new Completed(token, pending.getReturnTo());
    }

    /** The provider's logout URL to send the browser to after its session ended, if the provider has one. */
    public Optional<URI> providerLogout(long providerId, URI afterwards) {
        return providers.byId(providerId).flatMap(p -> oidc.endSessionUri(p).map(end -> {
            String sep = end.getQuery() == null ? "?" : "&";
            return URI.create(end + sep + "client_id=" + enc(p.clientId()) + "&post_logout_redirect_uri="
                    + enc(afterwards.toString()));
        }));
    }

    /** Forgets sign-ins that were never completed, once expired; returns how many. */
    public int purge() {
        return db.deleteFrom(SSO_LOGIN_STATE)
                .where(SSO_LOGIN_STATE.EXPIRES_AT.lt(Times.toLocal(clock.instant().minus(Duration.ofMinutes(1)))))
                .execute();
    }

    /** Marks the state used, once, for the browser that started it; else says why it cannot be used. */
    private SsoLoginStateRecord consume(Optional<String> state, Optional<String> browserKey) {
        if (state.isEmpty() || !Tokens.plausible(state.get())) {
            throw new Refused("state-unknown");
        }
        byte[] hash = Tokens.hash(state.get());
        byte[] browser = Tokens.hash(browserKey.orElse(""));
        var now = Times.toLocal(clock.instant());
        int used = db.update(SSO_LOGIN_STATE).set(SSO_LOGIN_STATE.USED_AT, now)
                .where(SSO_LOGIN_STATE.STATE_HASH.eq(hash).and(SSO_LOGIN_STATE.USED_AT.isNull())
                        .and(SSO_LOGIN_STATE.EXPIRES_AT.gt(now)).and(SSO_LOGIN_STATE.BROWSER_HASH.eq(browser)))
                .execute();
        SsoLoginStateRecord r = db.selectFrom(SSO_LOGIN_STATE).where(SSO_LOGIN_STATE.STATE_HASH.eq(hash)).fetchOne();
        if (r == null) {
            throw new Refused("state-unknown");
        }
        if (used == 1) {
            return r;
        }
        String reason = r.getUsedAt() != null ? "replayed" : r.getExpiresAt().isAfter(now) ? "other-browser" : "expired";
        Optional<SsoProvider> p = providers.byId(r.getProviderId());
        if (p.isPresent()) {
            throw refuse(p.get(), reason, Optional.empty(), "state of " + r.getCreatedAt());
        }
        throw new Refused(reason);
    }

    /** Who the ID token names (see the type's comment); links a first sign-in, in the caller's transaction. */
    private Principal principalFor(SsoProvider p, IDTokenClaimsSet claims) {
        String subject = claims.getSubject().getValue();
        Optional<Long> linked = db.select(SSO_LINK.PRINCIPAL_ID).from(SSO_LINK)
                .where(SSO_LINK.PROVIDER_ID.eq(p.providerId()).and(SSO_LINK.SUBJECT.eq(subject)))
                .fetchOptional(r -> r.value1());
        if (linked.isPresent()) {
            return principals.findById(linked.get()).filter(x -> x.type().isPerson())
                    .orElseThrow(() -> refuse(p, "unknown-user", Optional.empty(), subject));
        }
        Optional<String> email = verifiedEmail(p, claims);
        if (p.linkByEmail() && email.isPresent()) {
            Optional<Principal> byEmail = db.selectFrom(PRINCIPAL)
                    .where(PRINCIPAL.ACCOUNT_ID.eq(p.accountId()).and(PRINCIPAL.EMAIL.eq(email.get()))
                            .and(PrincipalStore.LISTED))
                    .fetchOptional(PrincipalStore::toPrincipal).filter(x -> x.type().isPerson());
            if (byEmail.isPresent()) {
                return link(p, subject, byEmail.get(), "email");
            }
        }
        if (p.jitProvision()) {
            String login = email.or(() -> claim(claims, "preferred_username")).orElse(subject + "@" + p.slug());
            String first = claim(claims, "given_name").or(() -> claim(claims, "name")).orElse(login);
            String last = claim(claims, "family_name").orElse("");
            if (login.length() > 255 || first.length() > 255 || last.length() > 255) {
                throw refuse(p, "login-taken", Optional.empty(), subject);
            }
            Principal created = provisioning.create(db, p.accountId(),
                    new Provisioning.External(login, first, last, email), "sso:" + p.slug())
                    .orElseThrow(() -> refuse(p, "login-taken", Optional.empty(), subject));
            return link(p, subject, created, "created");
        }
        throw refuse(p, "unknown-user", Optional.empty(), subject);
    }

    /**
     * Links {@code subject} to {@code who}. Two first sign-ins of one subject at once link it once: the second finds
     * the first's link and, if that names someone else (it provisioned a user too), is refused and rolls back.
     */
    private Principal link(SsoProvider p, String subject, Principal who, String how) {
        int n = db.insertInto(SSO_LINK).set(SSO_LINK.PROVIDER_ID, p.providerId()).set(SSO_LINK.SUBJECT, subject)
                .set(SSO_LINK.PRINCIPAL_ID, who.principalId())
                .set(SSO_LINK.CREATED_AT, Times.toLocal(clock.instant()))
                .onDuplicateKeyIgnore()
                .execute();
        if (n == 0) {
            long linked = db.select(SSO_LINK.PRINCIPAL_ID).from(SSO_LINK)
                    .where(SSO_LINK.PROVIDER_ID.eq(p.providerId()).and(SSO_LINK.SUBJECT.eq(subject)))
                    .fetchOne(r -> r.value1());
            if (linked != who.principalId()) {
                throw new Refused("login-taken");
            }
            return who;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("provider", p.slug());
        d.put("subject", subject);
        d.put("by", how);
        audit.system(p.accountId(), "sso.link", AuditTarget.principal(who.principalId(), who.breezeLogin()), d);
        return who;
    }

    /** The email claim, only when the provider says it is verified. */
    private static Optional<String> verifiedEmail(SsoProvider p, IDTokenClaimsSet claims) {
        if (p.emailClaim().isEmpty() || !Boolean.TRUE.equals(claims.getBooleanClaim("email_verified"))) {
            return Optional.empty();
        }
        return claim(claims, p.emailClaim().get()).filter(e -> e.contains("@") && e.length() <= 255);
    }

    private static Optional<String> claim(IDTokenClaimsSet claims, String name) {
        try {
            return Optional.ofNullable(claims.getStringClaim(name)).map(String::strip).filter(s -> !s.isEmpty());
        } catch (RuntimeException e) {
            return Optional.empty();  // not a string
        }
    }

    private Refused refuse(SsoProvider p, String reason, Optional<Principal> who, String detail) {
        log.info("SSO sign-in with {} refused ({}): {}", p.slug(), reason, detail);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("reason", reason);
        d.put("via", "sso:" + p.slug());
        audit.loginRefused(p.accountId(), "login.failed", who.map(w -> AuditTarget.principal(w.principalId(),
                w.breezeLogin())).orElse(new AuditTarget("sso-provider", p.slug(), p.slug())), d);
        return new Refused(reason);
    }

    private String random(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
