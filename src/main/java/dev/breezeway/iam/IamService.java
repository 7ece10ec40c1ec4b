package dev.breezeway.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breezeway.auth.PasswordHasher;
import dev.breezeway.db.Constraints;
import dev.breezeway.db.WriteGeneration;
import dev.breezeway.error.AccessSubcode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.principal.PrincipalService;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.role.PermissionCatalogue;
import dev.breezeway.session.Session;
import dev.breezeway.session.SessionStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The rules of the modern principal API, over the same principals the Breeze face serves: every write
 * to an existing principal names the version it read (If-Match) and the check happens inside the
 * UPDATE, so of two writers with one ETag exactly one wins; suspension ends every session at once.
 */
public final class IamService {
    private final DSLContext db;
    private final IamStore store;
    private final PrincipalKeyset keyset;
    private final Authorizer authz;
    private final SessionStore sessions;
    private final PrincipalStore principals;
    private final PrincipalService breeze;
    private final PasswordHasher hasher;
    private final ObjectMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public IamService(DSLContext db, IamStore store, Authorizer authz, SessionStore sessions, PrincipalStore principals,
                      PrincipalService breeze, PasswordHasher hasher, ObjectMapper json, Clock clock,
                      WriteGeneration writes) {
        this.db = db;
        this.store = store;
        this.keyset = new PrincipalKeyset(db, clock, writes);
        this.authz = authz;
        this.sessions = sessions;
        this.principals = principals;
        this.breeze = breeze;
        this.hasher = hasher;
        this.json = json;
        this.clock = clock;
    }

    /** The writable parts of a principal; empty optionals in a PUT clear the part. */
    public record Replacement(String name, Optional<String> email, Optional<String> phone, ObjectNode properties,
                              Optional<List<String>> roles, Optional<List<IamPrincipal.AclEntry>> acl,
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
        IamPrincipal p = find(caller, id);
        if (p.principalId() != caller.principalId()) {
            require(caller, PermissionCatalogue.PRINCIPALS_READ);
        }
        return p;
    }

    public PrincipalPage list(Session caller, ListRequest r) {
        require(caller, PermissionCatalogue.PRINCIPALS_READ);
        PrincipalKeyset.PageRows rows = keyset.page(caller.accountId(), r, authz.scope(caller));
        List<IamPrincipal> items = store.load(rows.rows());
        return new PrincipalPage(items, items.isEmpty() ? Optional.empty() : Optional.of(items.get(0).id().toString()),
                items.isEmpty() ? Optional.empty() : Optional.of(items.get(items.size() - 1).id().toString()),
                rows.total());
    }

    /** Creates the principal {@code id} or, when it exists, replaces it (If-Match required then). */
    public Put put(Session caller, UUID id, Replacement r, Optional<String> ifMatch) {
        require(caller, PermissionCatalogue.PRINCIPALS_WRITE);
        Validation.check(r.name(), r.email(), r.phone());
        Optional<IamPrincipal> existing = store.findByUuid(caller.accountId(), id);
        if (existing.isEmpty()) {
            if (store.uuidTaken(id)) {
                throw ApiException.problem(Problem.PRECONDITION_FAILED, "id");
            }
            try {
                long pid = db.transactionResult(() -> {
                    long created = store.insert(caller.accountId(), id,
                            new IamStore.Fields(r.name(), r.email(), r.phone(), r.properties()));
                    r.roles().ifPresent(x -> store.replaceRoles(created, x));
                    r.acl().ifPresent(x -> store.replaceAcl(created, x));
                    r.accessAttributes().ifPresent(x -> store.replaceAttributes(created, x));
                    return created;
                });
                return new Put(store.findById(pid).orElseThrow(), true);
            } catch (DataAccessException e) {
                throw translate(e);
            }
        }
        IamPrincipal p = existing.get();
        long expected = expectedVersion(ifMatch, p);
        write(p, expected, new IamStore.Fields(r.name(), r.email(), r.phone(), r.properties()),
                r.roles(), r.acl(), r.accessAttributes());
        return new Put(store.findById(p.principalId()).orElseThrow(), false);
    }

    /**
     * Merges {@code patch} into the principal: {@code name}, {@code email}, {@code phone} set those
     * fields, other keys merge into the dynamic properties (objects such as {@code settings} merge key
     * by key, {@code null} removes); {@code roles}, {@code acl}, {@code accessAttributes} replace.
     */
    public IamPrincipal patch(Session caller, UUID id, ObjectNode patch, Optional<List<String>> roles,
                              Optional<List<IamPrincipal.AclEntry>> acl, Optional<Map<String, List<String>>> attributes,
                              Optional<String> ifMatch) {
        require(caller, PermissionCatalogue.PRINCIPALS_WRITE);
        IamPrincipal p = find(caller, id);
        long expected = expectedVersion(ifMatch, p);
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
        write(p, expected, new IamStore.Fields(name, email, phone, props), roles, acl, attributes);
        return store.findById(p.principalId()).orElseThrow();
    }

    public void delete(Session caller, UUID id, Optional<String> ifMatch) {
        require(caller, PermissionCatalogue.PRINCIPALS_WRITE);
        IamPrincipal p = find(caller, id);
        if (p.principalId() == caller.principalId()) {
            throw ApiException.problem(Problem.CANNOT_DELETE_SELF, "id");
        }
        long expected = expectedVersion(ifMatch, p);
        db.transaction(() -> {
            if (!store.bumpVersion(p.principalId(), expected, clock.instant())) {
                throw ApiException.problem(Problem.PRECONDITION_FAILED, "If-Match");
            }
            principals.delete(db, caller.accountId(), List.of(p.principalId()));
        });
    }

    public IamPrincipal setRoles(Session caller, UUID id, List<String> roles, Optional<String> ifMatch) {
        return replacePart(caller, id, ifMatch, pid -> store.replaceRoles(pid, roles));
    }

    public IamPrincipal setAcl(Session caller, UUID id, List<IamPrincipal.AclEntry> acl, Optional<String> ifMatch) {
        return replacePart(caller, id, ifMatch, pid -> store.replaceAcl(pid, acl));
    }

    public IamPrincipal setAccessAttributes(Session caller, UUID id, Map<String, List<String>> attributes,
                                            Optional<String> ifMatch) {
        return replacePart(caller, id, ifMatch, pid -> store.replaceAttributes(pid, attributes));
    }

    /** Suspends: sets suspendedAt and revokes every session at once; login then fails on both faces. */
    public IamPrincipal suspend(Session caller, UUID id, Optional<String> ifMatch) {
        require(caller, PermissionCatalogue.PRINCIPALS_WRITE);
        IamPrincipal p = find(caller, id);
        if (p.principalId() == caller.principalId()) {
            throw ApiException.problem(Problem.CANNOT_SUSPEND_SELF, "id");
        }
        long expected = expectedVersion(ifMatch, p);
        Instant now = clock.instant();
        db.transaction(() -> {
            if (!store.setSuspended(p.principalId(), expected, Optional.of(p.suspendedAt().orElse(now)), now)) {
                throw ApiException.problem(Problem.PRECONDITION_FAILED, "If-Match");
            }
            sessions.revokeAllOf(db, p.principalId(), Optional.empty(), now);
        });
        return store.findById(p.principalId()).orElseThrow();
    }

    public IamPrincipal reactivate(Session caller, UUID id, Optional<String> ifMatch) {
        require(caller, PermissionCatalogue.PRINCIPALS_WRITE);
        IamPrincipal p = find(caller, id);
        long expected = expectedVersion(ifMatch, p);
        if (!store.setSuspended(p.principalId(), expected, Optional.empty(), clock.instant())) {
            throw ApiException.problem(Problem.PRECONDITION_FAILED, "If-Match");
        }
        return store.findById(p.principalId()).orElseThrow();
    }

    /** Sets a generated temporary password (returned once) and ends the principal's sessions. */
    public String resetPassword(Session caller, UUID id) {
        require(caller, PermissionCatalogue.PRINCIPALS_WRITE);
        IamPrincipal p = find(caller, id);
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        // The fixed prefix guarantees an upper-case letter, a lower-case letter and a digit.
        String temporary = "Tmp9" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = hasher.hash(temporary);
        db.transaction(() -> {
            store.setTemporaryPassword(p.principalId(), hash, clock.instant());
            sessions.revokeAllOf(db, p.principalId(), Optional.empty(), clock.instant());
        });
        return temporary;
    }

    /** The caller changes its own password; a temporary-password session becomes a normal one. */
    public void changeOwnPassword(Session caller, String current, String next) {
        Optional<String> hash = principals.passwordHash(db, caller.principalId());
        if (hash.isEmpty() || !hasher.verify(current, hash.get())) {
            throw ApiException.problem(Problem.INVALID_CREDENTIALS, "currentPassword");
        }
        breeze.checkPassword("newPassword", next, caller.login());
        String newHash = hasher.hash(next);
        db.transaction(() -> {
            principals.setPassword(db, caller.principalId(), newHash, false, clock.instant());
            sessions.revokeAllOf(db, caller.principalId(), Optional.of(caller.sessionId()), clock.instant());
            sessions.clearMustChangePassword(caller.sessionId());
        });
    }

    /** The sessions of a principal: anyone's own freely, others' with iam/principals:read. */
    public List<SessionStore.Listed> sessionsOf(Session caller, UUID id, java.time.Duration idle) {
        IamPrincipal p = find(caller, id);
        if (p.principalId() != caller.principalId()) {
            require(caller, PermissionCatalogue.PRINCIPALS_READ);
        }
        return sessions.listOf(p.principalId(), clock.instant().minus(idle));
    }

    /** Revokes one session, effective at once: own freely, others' with iam/principals:write. */
    public void revokeSession(Session caller, UUID id, UUID sessionId) {
        IamPrincipal p = find(caller, id);
        if (p.principalId() != caller.principalId()) {
            require(caller, PermissionCatalogue.PRINCIPALS_WRITE);
        }
        if (!sessions.revokeByPublicId(p.principalId(), sessionId, clock.instant())) {
            throw ApiException.problem(Problem.NOT_FOUND, "sessionId");
        }
    }

    /** The principals whose {@code field} matches, for the graph query; ABAC applies. */
    public List<IamPrincipal> query(Session caller, List<GraphFilter> filters, int limit) {
        require(caller, PermissionCatalogue.PRINCIPALS_READ);
        return store.load(new GraphQuery(db).run(caller.accountId(), filters, authz.scope(caller), limit));
    }

    /** A graph filter: field among id, name, email, phone; op among eq, startsWith, endsWith, contains. */
    public record GraphFilter(String field, String op, String value) {
    }

    private IamPrincipal replacePart(Session caller, UUID id, Optional<String> ifMatch, java.util.function.LongConsumer change) {
        require(caller, PermissionCatalogue.PRINCIPALS_WRITE);
        IamPrincipal p = find(caller, id);
        long expected = expectedVersion(ifMatch, p);
        db.transaction(() -> {
            if (!store.bumpVersion(p.principalId(), expected, clock.instant())) {
                throw ApiException.problem(Problem.PRECONDITION_FAILED, "If-Match");
            }
            change.accept(p.principalId());
        });
        return store.findById(p.principalId()).orElseThrow();
    }

    private void write(IamPrincipal p, long expected, IamStore.Fields f, Optional<List<String>> roles,
                       Optional<List<IamPrincipal.AclEntry>> acl, Optional<Map<String, List<String>>> attributes) {
        try {
            db.transaction(() -> {
                if (!store.updateFields(p.principalId(), expected, f, p.email(), clock.instant())) {
                    throw ApiException.problem(Problem.PRECONDITION_FAILED, "If-Match");
                }
                roles.ifPresent(x -> store.replaceRoles(p.principalId(), x));
                acl.ifPresent(x -> store.replaceAcl(p.principalId(), x));
                attributes.ifPresent(x -> store.replaceAttributes(p.principalId(), x));
            });
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    private IamPrincipal find(Session caller, UUID id) {
        IamPrincipal p = store.findByUuid(caller.accountId(), id)
                .orElseThrow(() -> ApiException.problem(Problem.NOT_FOUND, "id"));
        if (p.principalId() != caller.principalId() && !Authorizer.inScope(authz.scope(caller), p)) {
            throw ApiException.noAccess(AccessSubcode.DENIED);
        }
        return p;
    }

    private void require(Session caller, String permission) {
        if (!authz.can(caller, permission)) {
            throw ApiException.noAccess(AccessSubcode.DENIED);
        }
    }

    private static long expectedVersion(Optional<String> ifMatch, IamPrincipal p) {
        String raw = ifMatch.map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> ApiException.problem(Problem.PRECONDITION_REQUIRED, "If-Match"));
        if (raw.equals("*")) {
            return p.version();
        }
        String v = raw.startsWith("W/") ? raw.substring(2) : raw;
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.problem(Problem.PRECONDITION_FAILED, "If-Match");
        }
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

    private static RuntimeException translate(DataAccessException e) {
        if (Constraints.violated(e, "uk_principal_email") || Constraints.violated(e, "uk_principal_login")) {
            return ApiException.invalid(Invalid.of("email", FieldType.STRING, InvalidSubcode.DUPLICATE));
        }
        if (Constraints.violated(e, "uk_principal_phone")) {
            return ApiException.invalid(Invalid.of("phone", FieldType.STRING, InvalidSubcode.DUPLICATE));
        }
        return e;
    }
}
