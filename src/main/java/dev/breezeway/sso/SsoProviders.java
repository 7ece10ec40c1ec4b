package dev.breezeway.sso;

import static dev.breezeway.db.gen.Tables.SSO_PROVIDER;

import dev.breezeway.access.Authorizer;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.auth.SecretBox;
import dev.breezeway.db.Constraints;
import dev.breezeway.db.Times;
import dev.breezeway.db.gen.tables.records.SsoProviderRecord;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.session.Session;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The OpenID Connect providers of each account, the one place that reads and changes them. Reading needs
 * {@code policies:manage}; changing needs {@code sign-in:manage} (declared by the faces), since a provider can sign
 * in any user of the account. Secrets are kept encrypted with the server's key, as smartcards are, and never shown.
 */
public final class SsoProviders {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:.\\-]{1,64}");
    private final DSLContext db;
    private final Authorizer authz;
    private final Supplier<SecretBox> secrets;
    private final AuditLog audit;
    private final Clock clock;
    private final dev.breezeway.session.SessionStore sessions;

    public SsoProviders(DSLContext db, Authorizer authz, Supplier<SecretBox> secrets, AuditLog audit, Clock clock,
                        dev.breezeway.session.SessionStore sessions) {
        this.sessions = sessions;
        this.db = db;
        this.authz = authz;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A change: an empty field keeps the stored value (or the default, for a new provider). An empty
     * {@code clientSecret} string removes the secret (a public client); an empty {@code emailClaim} stops reading
     * email.
     */
    public record Change(Optional<String> name, Optional<String> issuer, Optional<String> clientId,
                         Optional<String> clientSecret, Optional<String> scopes, Optional<String> emailClaim,
                         Optional<Boolean> linkByEmail, Optional<Boolean> jitProvision, Optional<Boolean> enabled) {
    }

    /** The caller's account's providers, by slug. */
    public List<SsoProvider> list(Session caller) {
        authz.require(caller, PermissionCatalogue.POLICIES_MANAGE);
        return db.selectFrom(SSO_PROVIDER).where(SSO_PROVIDER.ACCOUNT_ID.eq(caller.accountId()))
                .orderBy(SSO_PROVIDER.SLUG).fetch(SsoProviders::toProvider);
    }

    /** One of the caller's account's providers; another account's or an unknown slug is {@code no-data}. */
    public SsoProvider info(Session caller, String slug) {
        authz.require(caller, PermissionCatalogue.POLICIES_MANAGE);
        return own(caller, slug).orElseThrow(ApiException::noData);
    }

    /** The enabled providers users may sign in with, of every account (the public sign-in choices). */
    public List<SsoProvider> enabled() {
        return db.selectFrom(SSO_PROVIDER).where(SSO_PROVIDER.ENABLED.isTrue())
                .orderBy(SSO_PROVIDER.NAME, SSO_PROVIDER.SLUG).fetch(SsoProviders::toProvider);
    }

    /** The provider a sign-in names, enabled or not. */
    public Optional<SsoProvider> bySlug(String slug) {
        return db.selectFrom(SSO_PROVIDER).where(SSO_PROVIDER.SLUG.eq(slug)).fetchOptional(SsoProviders::toProvider);
    }

    /** The provider with this id, enabled or not. */
    public Optional<SsoProvider> byId(long providerId) {
        return db.selectFrom(SSO_PROVIDER).where(SSO_PROVIDER.PROVIDER_ID.eq(providerId))
                .fetchOptional(SsoProviders::toProvider);
    }

    /** The client secret, decrypted, for the token request; empty for a public client. */
    public Optional<String> secretOf(SsoProvider p) {
        return db.select(SSO_PROVIDER.CLIENT_SECRET_ENC).from(SSO_PROVIDER)
                .where(SSO_PROVIDER.PROVIDER_ID.eq(p.providerId())).fetchOptional(r -> r.value1())
                .filter(b -> b != null && b.length > 0).map(b -> secrets.get().decrypt(b));
    }

    /**
     * Creates the provider {@code slug} in the caller's account, or changes it. A new one needs {@code name},
     * {@code issuer} and {@code clientId}; a slug another account uses is {@code duplicate}. The same change twice
     * leaves the same provider (its version grows only when something changed).
     */
    public SsoProvider update(Session caller, String slug, Change c) {
        authz.require(caller, PermissionCatalogue.SIGN_IN_MANAGE);
        Optional<SsoProvider> before = own(caller, slug);
        List<Invalid> problems = problems(slug, c, before.isEmpty());
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Optional<byte[]> secret = c.clientSecret().map(s -> s.isEmpty() ? new byte[0] : secrets.get().encrypt(s));
        try {
            db.transaction(() -> {
                if (before.isEmpty()) {
                    insert(caller, slug, c, secret);
                } else if (changes(before.get(), c)) {
                    SsoProviderRecord r = db.newRecord(SSO_PROVIDER);
                    c.name().map(String::strip).ifPresent(r::setName);
                    c.issuer().map(SsoProviders::normalIssuer).ifPresent(r::setIssuer);
                    c.clientId().map(String::strip).ifPresent(r::setClientId);
                    secret.ifPresent(b -> r.setClientSecretEnc(b.length == 0 ? null : b));
                    c.scopes().map(SsoProviders::normalScopes).ifPresent(r::setScopes);
                    c.emailClaim().map(String::strip).ifPresent(e -> r.setEmailClaim(e.isEmpty() ? null : e));
                    c.linkByEmail().ifPresent(r::setLinkByEmail);
                    c.jitProvision().ifPresent(r::setJitProvision);
                    c.enabled().ifPresent(r::setEnabled);
                    r.setUpdatedBy(caller.principalId());
                    r.setUpdatedAt(Times.toLocal(clock.instant()));
                    db.update(SSO_PROVIDER).set(r).set(SSO_PROVIDER.VERSION, SSO_PROVIDER.VERSION.plus(1))
                            .where(SSO_PROVIDER.PROVIDER_ID.eq(before.get().providerId())).execute();
                } else {
                    return;
                }
                audit.change(caller, before.isEmpty() ? "sso-provider.create" : "sso-provider.update",
                        target(slug), details(c));
            });
        } catch (DataAccessException e) {
            if (Constraints.violated(e, "uk_sso_provider_slug")) {
                throw ApiException.invalid(Invalid.of("slug", FieldType.STRING, InvalidSubcode.DUPLICATE));
            }
            throw e;
        }
        return own(caller, slug).orElseThrow(ApiException::noData);
    }

    /** Deletes the provider, its links and its sign-ins under way, and ends the sessions opened through it. */
    public void delete(Session caller, String slug) {
        authz.require(caller, PermissionCatalogue.SIGN_IN_MANAGE);
        SsoProvider p = own(caller, slug).orElseThrow(ApiException::noData);
        db.transaction(() -> {
            sessions.revokeAllThrough(db, p.providerId(), clock.instant());
            if (db.deleteFrom(SSO_PROVIDER).where(SSO_PROVIDER.PROVIDER_ID.eq(p.providerId())).execute() == 0) {
                throw ApiException.noData();
            }
            audit.change(caller, "sso-provider.delete", target(slug), Map.of("issuer", p.issuer()));
        });
    }

    private void insert(Session caller, String slug, Change c, Optional<byte[]> secret) {
        String emailClaim = c.emailClaim().map(String::strip).orElse("email");
        db.insertInto(SSO_PROVIDER)
                .set(SSO_PROVIDER.ACCOUNT_ID, caller.accountId())
                .set(SSO_PROVIDER.SLUG, slug)
                .set(SSO_PROVIDER.NAME, c.name().get().strip())
                .set(SSO_PROVIDER.ISSUER, normalIssuer(c.issuer().get()))
                .set(SSO_PROVIDER.CLIENT_ID, c.clientId().get().strip())
                .set(SSO_PROVIDER.CLIENT_SECRET_ENC, secret.filter(b -> b.length > 0).orElse(null))
                .set(SSO_PROVIDER.SCOPES, normalScopes(c.scopes().orElse("openid email profile")))
                .set(SSO_PROVIDER.EMAIL_CLAIM, emailClaim.isEmpty() ? null : emailClaim)
                .set(SSO_PROVIDER.LINK_BY_EMAIL, c.linkByEmail().orElse(false))
                .set(SSO_PROVIDER.JIT_PROVISION, c.jitProvision().orElse(false))
                .set(SSO_PROVIDER.ENABLED, c.enabled().orElse(true))
                .set(SSO_PROVIDER.UPDATED_BY, caller.principalId())
                .set(SSO_PROVIDER.UPDATED_AT, Times.toLocal(clock.instant()))
                .execute();
    }

    private Optional<SsoProvider> own(Session caller, String slug) {
        return bySlug(slug).filter(p -> p.accountId() == caller.accountId());
    }

    private static boolean changes(SsoProvider p, Change c) {
        return c.clientSecret().isPresent()
                || c.name().map(String::strip).filter(v -> !v.equals(p.name())).isPresent()
                || c.issuer().map(SsoProviders::normalIssuer).filter(v -> !v.equals(p.issuer())).isPresent()
                || c.clientId().map(String::strip).filter(v -> !v.equals(p.clientId())).isPresent()
                || c.scopes().map(SsoProviders::normalScopes).filter(v -> !v.equals(p.scopes())).isPresent()
                || c.emailClaim().map(String::strip).filter(v -> !v.equals(p.emailClaim().orElse(""))).isPresent()
                || c.linkByEmail().filter(v -> v != p.linkByEmail()).isPresent()
                || c.jitProvision().filter(v -> v != p.jitProvision()).isPresent()
                || c.enabled().filter(v -> v != p.enabled()).isPresent();
    }

    private static List<Invalid> problems(String slug, Change c, boolean creating) {
        List<Invalid> out = new ArrayList<>();
        if (!SLUG.matcher(slug).matches()) {
            out.add(Invalid.of("slug", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        required(out, "name", c.name(), creating, 255);
        required(out, "client-id", c.clientId(), creating, 255);
        if (creating && c.issuer().isEmpty()) {
            out.add(Invalid.of("issuer", FieldType.STRING, InvalidSubcode.MISSING));
        }
        c.issuer().filter(i -> !issuerOk(i)).ifPresent(i -> out.add(Invalid.of("issuer", FieldType.STRING,
                InvalidSubcode.FORMAT)));
        c.clientSecret().filter(s -> s.length() > 512).ifPresent(s -> out.add(Invalid.of("client-secret",
                FieldType.STRING, InvalidSubcode.RANGE)));
        c.scopes().filter(s -> normalScopes(s).length() > 512 || !normalScopes(s).matches("[\\x21-\\x7e ]+"))
                .ifPresent(s -> out.add(Invalid.of("scopes", FieldType.STRING, InvalidSubcode.FORMAT)));
        c.emailClaim().map(String::strip).filter(e -> !e.isEmpty() && !CLAIM.matcher(e).matches())
                .ifPresent(e -> out.add(Invalid.of("email-claim", FieldType.STRING, InvalidSubcode.FORMAT)));
        return out;
    }

    private static void required(List<Invalid> out, String field, Optional<String> v, boolean creating, int max) {
        if (v.isEmpty() ? creating : v.get().isBlank()) {
            out.add(Invalid.of(field, FieldType.STRING, InvalidSubcode.MISSING));
        } else if (v.isPresent() && v.get().strip().length() > max) {
            out.add(Invalid.of(field, FieldType.STRING, InvalidSubcode.RANGE));
        }
    }

    /**
     * An issuer is an https URL without query or fragment; plain http only on a loopback host (a provider on the
     * same machine, as in the README's example and the tests).
     */
    static boolean issuerOk(String issuer) {
        try {
            URI u = new URI(issuer.strip());
            if (u.getHost() == null || u.getQuery() != null || u.getFragment() != null || u.getUserInfo() != null
                    || issuer.strip().length() > 1024) {
                return false;
            }
            String host = u.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
            return "https".equals(u.getScheme()) || ("http".equals(u.getScheme()) && loopback);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String normalIssuer(String issuer) {
        return issuer.strip();
    }

    /** The scopes, space-separated, always with {@code openid} first. */
    static String normalScopes(String scopes) {
        List<String> out = new ArrayList<>(List.of("openid"));
        for (String s : scopes.strip().split("[\\s,]+")) {
            if (!s.isEmpty() && !out.contains(s)) {
                out.add(s);
            }
        }
        return String.join(" ", out);
    }

    private static AuditTarget target(String slug) {
        return new AuditTarget("sso-provider", slug, slug);
    }

    private static Map<String, Object> details(Change c) {
        Map<String, Object> d = new LinkedHashMap<>();
        c.name().ifPresent(v -> d.put("name", v));
        c.issuer().ifPresent(v -> d.put("issuer", v));
        c.clientId().ifPresent(v -> d.put("client-id", v));
        c.clientSecret().ifPresent(v -> d.put("client-secret", v.isEmpty() ? "removed" : "changed"));
        c.scopes().ifPresent(v -> d.put("scopes", v));
        c.emailClaim().ifPresent(v -> d.put("email-claim", v));
        c.linkByEmail().ifPresent(v -> d.put("link-by-email", v));
        c.jitProvision().ifPresent(v -> d.put("jit-provision", v));
        c.enabled().ifPresent(v -> d.put("enabled", v));
        return d;
    }

    static SsoProvider toProvider(SsoProviderRecord r) {
        return new SsoProvider(r.getProviderId(), r.getAccountId(), r.getSlug(), r.getName(), r.getIssuer(),
                r.getClientId(), r.getClientSecretEnc() != null, r.getScopes(), Optional.ofNullable(r.getEmailClaim()),
                r.getLinkByEmail(), r.getJitProvision(), r.getEnabled(), r.getVersion());
    }
}
