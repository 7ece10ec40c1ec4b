package dev.breezeway.client;

import dev.breezeway.error.AccessSubcode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.access.Authorizer;
import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.iam.IamStore;
import dev.breezeway.principal.Authorizations;
import dev.breezeway.principal.Lifecycle;
import dev.breezeway.principal.PrincipalType;
import dev.breezeway.principal.Uuids;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.session.Session;
import dev.breezeway.session.SessionService;
import dev.breezeway.session.SessionStore;
import dev.breezeway.session.Tokens;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Registers API clients, rotates and revokes their secrets, sets their roles, and exchanges a client
 * id and secret for a client token (valid {@link #TOKEN_LIFETIME}, e.g. {@code {"expires_in": 86400}}).
 * A client acts through a hidden principal of type {@code api-client}, so its tokens are ordinary
 * sessions and its permissions come from its own roles; it is never an administrator.
 */
public final class ClientService {
    /** How long a client token lives, used or not. */
    public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(86_400);
    static final int NAME_MAX = 255;
    static final int ROLE_MAX = 255;
    private static final int RANDOM_BYTES = 20;
    private static final HexFormat HEX = HexFormat.of();

    private final DSLContext db;
    private final ClientStore store;
    private final Lifecycle lifecycle;
    private final Authorizations authorizations;
    private final SessionService sessions;
    private final Authorizer authz;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AuditLog audit;

    public ClientService(DSLContext db, ClientStore store, Lifecycle lifecycle, Authorizations authorizations,
                         SessionService sessions, Authorizer authz, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.db = db;
        this.store = store;
        this.lifecycle = lifecycle;
        this.authorizations = authorizations;
        this.sessions = sessions;
        this.authz = authz;
        this.clock = clock;
    }

    /** A client with its secret, as create and rotate answer it: the only time the secret is shown. */
    public record Issued(ApiClient client, String secret) {
    }

    /** Registers a client named {@code name} with no roles. */
    public Issued create(Session caller, String name) {
        String n = name.strip();
        if (n.isEmpty()) {
            throw ApiException.invalid(Invalid.of("name", FieldType.STRING, InvalidSubcode.MISSING));
        }
        if (n.length() > NAME_MAX) {
            throw ApiException.invalid(Invalid.range("name", FieldType.STRING, 1, NAME_MAX));
        }
        String clientId = randomHex();
        String secret = randomHex();
        Instant now = clock.instant();
        db.transaction(() -> {
            long principalId = lifecycle.createClientPrincipal(db, caller.accountId(), n);
            store.insert(db, clientId, caller.accountId(), principalId, n, Tokens.hash(secret), caller.principalId(), now);
            audit.change(caller, "client.create", AuditTarget.of("client", clientId, n),
                    java.util.Map.of("principal-id", principalId));
        });
        return new Issued(store.find(caller.accountId(), clientId).orElseThrow(), secret);
    }

    /** The live clients of the caller's account. */
    public List<ApiClient> list(Session caller) {
        return store.list(caller.accountId());
    }

    /** @throws ApiException {@code no-data} (404) if the account has no live client with this id */
    public ApiClient get(Session caller, String clientId) {
        return find(caller, clientId);
    }

    /** Gives the client a new secret; the old one and every token issued so far stop working at once. */
    public Issued rotate(Session caller, String clientId) {
        ApiClient c = find(caller, clientId);
        // The new secret is the client's whole power: only a caller holding at least as much gets it.
        authz.requireMayActOn(caller, c.principalId());
        String secret = randomHex();
        Instant now = clock.instant();
        db.transaction(() -> {
            if (!store.setSecret(db, caller.accountId(), clientId, Tokens.hash(secret), now)) {
                throw ApiException.noData();
            }
            lifecycle.endSessions(db, c.principalId());
            audit.change(caller, "client.rotate", AuditTarget.of("client", clientId, c.name()), java.util.Map.of());
        });
        return new Issued(store.find(caller.accountId(), clientId).orElseThrow(), secret);
    }

    /**
     * Revokes the client: its secret and every token stop working at once and it leaves the list. The
     * users it created stay. Revoking a revoked client again succeeds, so a retry is harmless.
     */
    public void revoke(Session caller, String clientId) {
        Optional<ApiClient> c = store.find(caller.accountId(), clientId);
        if (c.isEmpty()) {
            // Known but not live: already revoked.
            if (store.everExisted(caller.accountId(), clientId)) {
                return;
            }
            throw ApiException.noData();
        }
        authz.requireMayActOn(caller, c.get().principalId());
        Instant now = clock.instant();
        db.transaction(() -> {
            if (store.revoke(db, caller.accountId(), clientId, now)) {
                lifecycle.retireClient(db, c.get().principalId());
                audit.change(caller, "client.revoke", AuditTarget.of("client", clientId, c.get().name()), java.util.Map.of());
            }
        });
    }

    /** Replaces the client's own roles (role names, as the modern API assigns them to principals). */
    public ApiClient setRoles(Session caller, String clientId, List<String> roles) {
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        List<Invalid> problems = new ArrayList<>();
        for (String r : roles) {
            String s = r.strip();
            if (s.isEmpty()) {
                problems.add(Invalid.of("role", FieldType.STRING, InvalidSubcode.MISSING));
            } else if (s.length() > ROLE_MAX) {
                problems.add(Invalid.range("role", FieldType.STRING, 1, ROLE_MAX));
            } else {
                clean.add(s);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        ApiClient c = find(caller, clientId);
        authorizations.apply(caller, c.principalId(), new Authorizations.Current(authorizations.rolesOf(c.principalId()),
                List.of(), java.util.Map.of()), Authorizations.Change.roles(clean), java.util.OptionalLong.empty());
        return find(caller, clientId);
    }

    /**
     * Exchanges a client's credentials for a token valid {@link #TOKEN_LIFETIME}. The secret is
     * compared by its SHA-256 in constant time; the client row stays locked until the token is
     * stored, so a concurrent rotation or revocation always ends it.
     *
     * @throws ApiException {@link Problem#INVALID_CLIENT} (401, XML {@code no-data}) for an unknown,
     *                      revoked or wrong pair
     */
    public String issueToken(String clientId, String secret, Optional<String> userAgent) {
        byte[] presented = Tokens.hash(secret);
        return db.transactionResult(() -> {
            Optional<ClientStore.Credentials> c = store.lockCredentials(db, clientId);
            if (c.isEmpty() || !MessageDigest.isEqual(c.get().secretHash(), presented)) {
                // A known client with a wrong secret is recorded in its account; an unknown id has none.
                c.ifPresent(k -> audit.loginRefused(k.accountId(), "client.token.failed",
                        AuditTarget.of("client", clientId, null), java.util.Map.of("reason", "wrong-secret")));
                throw ApiException.problem(Problem.INVALID_CLIENT, "client_id");
            }
            audit.loginOk(c.get().accountId(), c.get().principalId(), clientId, "client.token",
                    AuditTarget.of("client", clientId, null));
            return sessions.startClient(c.get().principalId(), c.get().accountId(), userAgent,
                    clock.instant().plus(TOKEN_LIFETIME));
        });
    }

    /** The id of the client the caller is, if it authenticated with a client token. */
    public Optional<String> clientOf(Session caller) {
        if (caller.type() != PrincipalType.API_CLIENT) {
            return Optional.empty();
        }
        return store.clientOfPrincipal(caller.principalId());
    }

    private ApiClient find(Session caller, String clientId) {
        return store.find(caller.accountId(), clientId).orElseThrow(ApiException::noData);
    }

    private String randomHex() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }
}
