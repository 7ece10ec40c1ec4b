package dev.breezeway.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breezeway.access.Authorizer;
import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.access.Grant;
import dev.breezeway.db.FreshCache;
import dev.breezeway.db.WriteGeneration;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.Problem;
import dev.breezeway.principal.Authorizations;
import dev.breezeway.principal.Credentials;
import dev.breezeway.principal.Expected;
import dev.breezeway.principal.Lifecycle;
import dev.breezeway.principal.ModernFields;
import dev.breezeway.principal.ModernPrincipals;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.session.Session;
import dev.breezeway.session.SessionLifetime;
import dev.breezeway.session.SessionStore;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The modern principal API's view of the one principal core: principals named by UUID, each write to an
 * existing one naming the version it read ({@link Expected}, checked inside the UPDATE), and callers
 * scoped by access attributes seeing only principals inside their scope. Every rule is the core's.
 */
public final class IamService {
    private final DSLContext db;
    private final dev.breezeway.principal.SignIn signIn;
    private final IamStore store;
    private final PrincipalKeyset keyset;
    private final Authorizer authz;
    private final SessionStore sessions;
    private final ModernPrincipals modern;
    private final Authorizations authorizations;
    private final Lifecycle lifecycle;
    private final Credentials credentials;
    private final Clock clock;
    private final SessionLifetime lifetime;
    private final AuditLog audit;
    /** What GET shows of a principal, kept while nothing was written (see {@link FreshCache}). */
    private final FreshCache<UUID, IamPrincipal> details;

    public IamService(DSLContext db, IamStore store, Authorizer authz, SessionStore sessions, SessionLifetime lifetime,
                      ModernPrincipals modern, Authorizations authorizations, Lifecycle lifecycle,
                      Credentials credentials, Clock clock, WriteGeneration writes, AuditLog audit,
                      dev.breezeway.principal.SignIn signIn, FreshCache<UUID, IamPrincipal> details) {
        this.details = details;
        this.signIn = signIn;
        this.audit = audit;
        this.lifetime = lifetime;
        this.db = db;
        this.store = store;
        this.keyset = new PrincipalKeyset(db, store, clock, writes);
        this.authz = authz;
        this.sessions = sessions;
        this.modern = modern;
        this.authorizations = authorizations;
        this.lifecycle = lifecycle;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The writable parts of a principal; empty optionals in a PUT clear the part. */
    public record Replacement(String name, Optional<String> email, Optional<String> phone, ObjectNode properties,
                              Optional<List<String>> roles, Optional<List<Grant>> acl,
                              Optional<Map<String, List<String>>> accessAttributes) {
    }

    /** A PUT's outcome: the principal and whether it was created. */
    public record Put(IamPrincipal principal, boolean created) {
    }

    /**
     * The UUID of the person a Breeze {@code principal-id} names in the caller's account, for the XML
     * mirrors of this API; access is checked by the operation it is then passed to.
     * @throws ApiException {@code no-data} when the account has no live person with that id (groups included)
     */
    public UUID idOf(Session caller, long principalId) {
        return store.uuidOf(caller.accountId(), principalId).orElseThrow(ApiException::noData);
    }

    public IamPrincipal me(Session caller) {
        return store.findById(caller.principalId()).orElseThrow(() -> ApiException.problem(Problem.NOT_FOUND, "id"));
    }

    public IamPrincipal get(Session caller, UUID id) {
        // Reads only: a write reads its principal afresh (find), so that its version check sees the database.
        IamPrincipal p = found(caller, details.get(id, k -> store.findByUuid(caller.accountId(), k))
                .filter(x -> x.accountId() == caller.accountId()));
        authz.requireSelfOr(caller, p.principalId(), PermissionCatalogue.PRINCIPALS_READ);
        return p;
    }

    public PrincipalPage list(Session caller, ListRequest r) {
        long generation = details.generation();  // before the page is read: what it reads may be kept
        PrincipalKeyset.PageRows rows = keyset.page(caller.accountId(), r, authz.scope(caller), details::fresh);
        List<IamPrincipal> items = rows.rows();
        items.forEach(p -> details.keep(p.id(), generation, p));
        return new PrincipalPage(items, items.isEmpty() ? Optional.empty() : Optional.of(items.get(0).id().toString()),
                items.isEmpty() ? Optional.empty() : Optional.of(items.get(items.size() - 1).id().toString()),
                rows.total());
    }

    /** Creates the principal {@code id} or, when it exists, replaces it (an expected version required then). */
    public Put put(Session caller, UUID id, Replacement r, Optional<Expected> expected) {
        Validation.check(r.name(), r.email(), r.phone());
        ModernFields f = new ModernFields(r.name(), r.email(), r.phone(), r.properties().toString());
        Authorizations.Change change = new Authorizations.Change(r.roles().map(x -> x), r.acl().map(x -> x),
                r.accessAttributes());
        Optional<IamPrincipal> existing = store.findByUuid(caller.accountId(), id);
        if (existing.isEmpty()) {
            long pid = modern.create(caller, id, f, change);
            return new Put(store.findById(pid).orElseThrow(), true);
        }
        IamPrincipal p = inScope(caller, existing.get());
        modern.update(caller, p.principalId(), p.email(), f, current(p), change, version(expected, p));
        return new Put(store.findById(p.principalId()).orElseThrow(), false);
    }

    /**
     * Merges {@code patch} into the principal: {@code name}, {@code email}, {@code phone} set those
     * fields, other keys merge into the dynamic properties (objects such as {@code settings} merge key
     * by key, {@code null} removes); {@code roles}, {@code acl}, {@code accessAttributes} replace.
     */
    public IamPrincipal patch(Session caller, UUID id, ObjectNode patch, Optional<List<String>> roles,
                              Optional<List<Grant>> acl, Optional<Map<String, List<String>>> attributes,
                              Optional<Expected> expected, dev.breezeway.principal.SignIn.Change signInChange) {
        IamPrincipal p = find(caller, id);
        OptionalLong version = version(expected, p);
        String name = p.name();
        Optional<String> email = p.email();
        Optional<String> phone = p.phone();
        ObjectNode props = p.properties().deepCopy();
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "name" -> name = e.getValue().isNull() ? "" : e.getValue().asText();
                case "email" -> email = e.getValue().isNull() ? Optional.empty() : Optional.of(e.getValue().asText());
                case "phone" -> phone = e.getValue().isNull() ? Optional.empty() : Optional.of(e.getValue().asText());
                default -> merge(props, e.getKey(), e.getValue());
            }
        }
        Validation.check(name, email, phone);
        ModernFields fields = new ModernFields(name, email, phone, props.toString());
        signIn.changeWith(caller, p.principalId(), signInChange, "extLogin", () -> modern.update(caller,
                p.principalId(), p.email(), fields, current(p),
                new Authorizations.Change(roles.map(x -> x), acl.map(x -> x), attributes), version));
        return store.findById(p.principalId()).orElseThrow();
    }

    public void delete(Session caller, UUID id, Optional<Expected> expected) {
        IamPrincipal p = find(caller, id);
        lifecycle.delete(caller, p.principalId(), version(expected, p));
    }

    public IamPrincipal setRoles(Session caller, UUID id, List<String> roles, Optional<Expected> expected) {
        return change(caller, id, Authorizations.Change.roles(roles), expected);
    }

    public IamPrincipal setAcl(Session caller, UUID id, List<Grant> acl, Optional<Expected> expected) {
        return change(caller, id, Authorizations.Change.acl(acl), expected);
    }

    public IamPrincipal setAccessAttributes(Session caller, UUID id, Map<String, List<String>> attributes,
                                            Optional<Expected> expected) {
        return change(caller, id, Authorizations.Change.attributes(attributes), expected);
    }

    /** Suspends: sets suspendedAt and revokes every session at once; login then fails on both faces. */
    public IamPrincipal suspend(Session caller, UUID id, Optional<Expected> expected) {
        IamPrincipal p = find(caller, id);
        lifecycle.suspend(caller, p.principalId(), version(expected, p));
        return store.findById(p.principalId()).orElseThrow();
    }

    public IamPrincipal reactivate(Session caller, UUID id, Optional<Expected> expected) {
        IamPrincipal p = find(caller, id);
        lifecycle.reactivate(caller, p.principalId(), version(expected, p));
        return store.findById(p.principalId()).orElseThrow();
    }

    /** Sets a generated temporary password (returned once) and ends the principal's sessions. */
    /** The number of the principal {@code id}, if the caller may see it (the scope of its access attributes). */
    public long principalIdOf(Session caller, UUID id) {
        return find(caller, id).principalId();
    }

    public String resetPassword(Session caller, UUID id) {
        return credentials.resetGenerated(caller, find(caller, id).principalId());
    }

    /** The caller changes its own password; a temporary-password session becomes a normal one. */
    public void changeOwnPassword(Session caller, String current, String next) {
        credentials.changeOwn(caller, current, next);
    }

    /** The sessions of a principal: anyone's own freely, others' with iam/principals:read. */
    public List<SessionStore.Listed> sessionsOf(Session caller, UUID id, boolean includeRevoked) {
        if (id.equals(ownUuid(caller))) {
            // Also an API client's own (its principal is no IAM principal): where its token sessions are listed.
            return ownSessions(caller, includeRevoked);
        }
        IamPrincipal p = find(caller, id);
        authz.requireSelfOr(caller, p.principalId(), PermissionCatalogue.PRINCIPALS_READ);
        return sessions.listOf(p.principalId(), clock.instant(), lifetime, includeRevoked);
    }

    /** The caller's own sessions, whatever kind of principal it is. */
    public List<SessionStore.Listed> ownSessions(Session caller, boolean includeRevoked) {
        return sessions.listOf(caller.principalId(), clock.instant(), lifetime, includeRevoked);
    }

    private UUID ownUuid(Session caller) {
        return db.select(dev.breezeway.db.gen.Tables.PRINCIPAL.UUID).from(dev.breezeway.db.gen.Tables.PRINCIPAL)
                .where(dev.breezeway.db.gen.Tables.PRINCIPAL.PRINCIPAL_ID.eq(caller.principalId()))
                .fetchOptional(r -> dev.breezeway.principal.Uuids.fromBytes(r.value1())).orElse(null);
    }

    /** Revokes one session, effective at once: own freely, others' with iam/principals:write. */
    public void revokeSession(Session caller, UUID id, UUID sessionId) {
        IamPrincipal p = find(caller, id);
        authz.requireSelfOr(caller, p.principalId(), PermissionCatalogue.PRINCIPALS_WRITE);
        if (p.principalId() != caller.principalId()) {
            authz.requireMayActOn(caller, p.principalId());
        }
        db.transaction(() -> {
            if (!sessions.revokeByPublicId(p.principalId(), sessionId, clock.instant())) {
                throw ApiException.problem(Problem.NOT_FOUND, "sessionId");
            }
            audit.change(caller, "session.revoke", AuditTarget.principal(p.principalId(), p.name()),
                    Map.of("session-id", sessionId.toString()));
        });
    }

    /** The principals whose {@code field} matches, for the graph query; ABAC applies. */
    public List<IamPrincipal> query(Session caller, List<GraphFilter> filters, int limit) {
        return new GraphQuery(store).run(caller.accountId(), filters, authz.scope(caller), limit);
    }

    /** A graph filter: field among id, name, email, phone; op among eq, startsWith, endsWith, contains. */
    public record GraphFilter(String field, String op, String value) {
    }

    private IamPrincipal change(Session caller, UUID id, Authorizations.Change change, Optional<Expected> expected) {
        IamPrincipal p = find(caller, id);
        authorizations.apply(caller, p.principalId(), current(p), change, version(expected, p));
        return store.findById(p.principalId()).orElseThrow();
    }

    private static Authorizations.Current current(IamPrincipal p) {
        return new Authorizations.Current(p.roles(), p.acl(), p.accessAttributes());
    }

    private IamPrincipal find(Session caller, UUID id) {
        return found(caller, store.findByUuid(caller.accountId(), id));
    }

    /** The principal looked up for the caller: 404 when there is none, refused outside the caller's scope. */
    private IamPrincipal found(Session caller, Optional<IamPrincipal> p) {
        return inScope(caller, p.orElseThrow(() -> ApiException.problem(Problem.NOT_FOUND, "id")));
    }

    /** A principal outside a scoped caller's access attributes is refused as if it were not shown. */
    private IamPrincipal inScope(Session caller, IamPrincipal p) {
        if (p.principalId() != caller.principalId()
                && !Authorizer.inScope(authz.scope(caller), p.accessAttributes())) {
            throw Authorizer.denied();
        }
        return p;
    }

    /** The version a write checks; a write to an existing principal must name one. */
    private static OptionalLong version(Optional<Expected> expected, IamPrincipal p) {
        Expected e = expected.orElseThrow(() -> ApiException.problem(Problem.PRECONDITION_REQUIRED, "version"));
        return OptionalLong.of(e.or(p.version()));
    }

    private void merge(ObjectNode target, String key, JsonNode value) {
        if (value.isNull()) {
            target.remove(key);
        } else if (value.isObject() && target.get(key) instanceof ObjectNode existing) {
            value.fields().forEachRemaining(e -> merge(existing, e.getKey(), e.getValue()));
        } else {
            target.set(key, value.deepCopy());
        }
    }
}
