package dev.breezeway.client;

import dev.breezeway.db.Constraints;
import dev.breezeway.error.AccessSubcode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.access.Authorizer;
import dev.breezeway.iam.IamService;
import dev.breezeway.principal.Expected;
import dev.breezeway.principal.Face;
import dev.breezeway.principal.Lifecycle;
import dev.breezeway.principal.Principal;
import dev.breezeway.principal.PrincipalService;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.principal.Uuids;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.session.Session;
import dev.breezeway.session.SessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Users owned by API clients, and soft deletion. A user created with a client token records its
 * client and the client's id for it ({@code clientUserId}, unique per client); a client sees and
 * deletes only its own users ({@code /api/v1/users}). Soft deletion keeps the row but ends the
 * user's sessions and hides it everywhere; its clientUserId can never be created again, e.g.
 * {@code 403 {"error":{"code":"USER_DELETED",…}}}.
 */
public final class ClientUserService {
    static final int CLIENT_USER_ID_MAX = 255;
    private final DSLContext db;
    private final ClientStore store;
    private final ClientService clients;
    private final PrincipalService principals;
    private final PrincipalStore principalStore;
    private final IamService iam;
    private final Lifecycle lifecycle;
    private final Authorizer authz;

    public ClientUserService(DSLContext db, ClientStore store, ClientService clients, PrincipalService principals,
                             PrincipalStore principalStore, IamService iam, Lifecycle lifecycle, Authorizer authz) {
        this.db = db;
        this.store = store;
        this.clients = clients;
        this.principals = principals;
        this.principalStore = principalStore;
        this.iam = iam;
        this.lifecycle = lifecycle;
        this.authz = authz;
    }

    /**
     * Creates a user (principal-update). With a client token the user is recorded as the client's,
     * under {@code clientUserId} if given; a clientUserId of a soft-deleted user is refused
     * ({@code no-access denied}), one of a live user is a {@code duplicate}. Repeating the same create
     * answers the same user, as principal-update does; it never hands the client a user it does not own.
     */
    public Principal createUser(Session caller, PrincipalService.NewUser u, Optional<String> clientUserId) {
        authz.require(caller, PermissionCatalogue.USERS_CREATE);
        Optional<String> client = clients.clientOf(caller);
        if (client.isEmpty()) {
            refuseWithoutClient(clientUserId, "client-user-id");
            return principals.createUser(caller, u, Face.XML);
        }
        String clientId = client.get();
        return db.transactionResult(() -> {
            clientUserId.ifPresent(x -> store.holderOf(db, clientId, x).ifPresent(h -> {
                if (h.deleted()) {
                    throw ApiException.problem(Problem.CLIENT_USER_DELETED, "client-user-id");
                }
                if (!h.login().equals(Optional.of(u.login()))) {
                    throw duplicate("client-user-id");
                }
            }));
            Optional<Long> before = principalStore.findByLogin(db, u.login()).map(Principal::principalId);
            Principal p = principals.createUser(caller, u, Face.XML);
            Optional<ClientStore.Link> link = store.linkOf(db, p.principalId());
            if (link.isPresent()) {
                // A repeated create: the same client and the same id for the user, or nothing.
                if (!link.get().clientId().equals(clientId)) {
                    throw duplicate("login");
                }
                if (clientUserId.isPresent() && !link.get().clientUserId().equals(clientUserId)) {
                    throw duplicate("client-user-id");
                }
                return p;
            }
            if (before.isPresent()) {
                // The login belongs to a user no client created; a client never takes one over.
                throw duplicate("login");
            }
            link(p.principalId(), clientId, clientUserId, "client-user-id");
            return p;
        });
    }

    /**
     * Creates users without passwords or clientUserIds (a batch of principal-update creates) with the
     * results {@link #createUser} would give one after another: in bulk for callers that are not API
     * clients, one by one for clients. With {@code stopAtFirstFailure} nothing after the first failure is tried.
     */
    public List<PrincipalService.Created> createUsers(Session caller, List<PrincipalService.NewUser> users,
                                                     boolean stopAtFirstFailure) {
        authz.require(caller, PermissionCatalogue.USERS_CREATE);
        if (clients.clientOf(caller).isEmpty()) {
            return principals.createUsers(caller, users, Face.XML, stopAtFirstFailure);
        }
        List<PrincipalService.Created> out = new ArrayList<>(users.size());
        for (PrincipalService.NewUser u : users) {
            try {
                out.add(new PrincipalService.Created(Optional.of(createUser(caller, u, Optional.empty())),
                        Optional.empty()));
            } catch (ApiException e) {
                out.add(new PrincipalService.Created(Optional.empty(), Optional.of(e)));
                if (stopAtFirstFailure) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * PUT /resources/iam/principals/{id}: as {@link IamService#put}, and a principal it creates with a
     * client token is recorded as the client's under {@code clientUserId}. On a replace the
     * clientUserId, if sent, must be the one stored.
     */
    public IamService.Put put(Session caller, UUID id, IamService.Replacement r, Optional<Expected> ifMatch,
                              Optional<String> clientUserId) {
        Optional<String> client = clients.clientOf(caller);
        if (client.isEmpty()) {
            refuseWithoutClient(clientUserId, "clientUserId");
            return iam.put(caller, id, r, ifMatch);
        }
        String clientId = client.get();
        return db.transactionResult(() -> {
            Optional<ClientStore.Holder> holder = clientUserId.flatMap(x -> store.holderOf(db, clientId, x));
            if (holder.isPresent() && holder.get().deleted()) {
                throw ApiException.problem(Problem.CLIENT_USER_DELETED, "clientUserId");
            }
            IamService.Put put = iam.put(caller, id, r, ifMatch);
            long pid = put.principal().principalId();
            if (put.created()) {
                link(pid, clientId, clientUserId, "clientUserId");
            } else if (clientUserId.isPresent() && (holder.isEmpty() || holder.get().principalId() != pid)) {
                throw ApiException.invalid(Invalid.of("clientUserId", FieldType.STRING, InvalidSubcode.ILLEGAL_OPERATION));
            }
            return put;
        });
    }

    /** GET /api/v1/users: the calling client's live users, oldest first; a client needs no permission for its own. */
    public List<ClientUser> list(Session caller) {
        return store.users(callingClient(caller));
    }

    /** GET /api/v1/users/{humanId}: one of the calling client's live users; others are {@code no-data} (404). */
    public ClientUser get(Session caller, String humanId) {
        return find(callingClient(caller), humanId);
    }

    /** DELETE /api/v1/users/{humanId}: soft-deletes one of the calling client's users. */
    public void delete(Session caller, String humanId) {
        ClientUser u = find(callingClient(caller), humanId);
        lifecycle.deactivate(caller, lifecycle.deactivatable(caller, u.principalId()));
    }

    /**
     * principal-deactivate: soft-deletes a user of the caller's account. An API client deactivates its
     * own users with its token alone and nobody else's; anyone else needs {@code users:delete}.
     * Deactivating a deactivated user again succeeds, so a retry is harmless.
     */
    public void deactivate(Session caller, long principalId) {
        Optional<String> client = clients.clientOf(caller);
        if (client.isEmpty()) {
            authz.require(caller, PermissionCatalogue.USERS_DELETE);
        }
        Principal p = lifecycle.deactivatable(caller, principalId);
        if (client.isPresent() && !store.linkOf(db, p.principalId()).map(l -> l.clientId().equals(client.get()))
                .orElse(false)) {
            throw ApiException.invalid(Invalid.of("principal-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM));
        }
        lifecycle.deactivate(caller, p);
    }

    private void link(long principalId, String clientId, Optional<String> clientUserId, String field) {
        try {
            store.link(db, principalId, clientId, clientUserId);
        } catch (DataAccessException e) {
            if (Constraints.violated(e, "uk_client_user_external")) {
                // Another create took the id between our check and our insert.
                boolean deleted = clientUserId.flatMap(x -> store.holderOf(db, clientId, x))
                        .map(ClientStore.Holder::deleted).orElse(false);
                throw deleted ? ApiException.problem(Problem.CLIENT_USER_DELETED, field) : duplicate(field);
            }
            throw e;
        }
    }

    private ClientUser find(String clientId, String humanId) {
        return parseHumanId(humanId).flatMap(id -> store.user(clientId, id)).orElseThrow(ApiException::noData);
    }

    /** The caller's client; the Admin API answers client tokens only (403 for anyone else). */
    private String callingClient(Session caller) {
        return clients.clientOf(caller).orElseThrow(Authorizer::denied);
    }

    private static void refuseWithoutClient(Optional<String> clientUserId, String field) {
        if (clientUserId.isPresent()) {
            // Only a client scopes its ids; anyone else has no client to record.
            throw ApiException.invalid(Invalid.of(field, FieldType.STRING, InvalidSubcode.ILLEGAL_OPERATION));
        }
    }

    /** A humanId is the principal's UUID as 32 hex digits, any case. */
    static Optional<UUID> parseHumanId(String humanId) {
        if (humanId.length() != 32) {
            return Optional.empty();
        }
        try {
            return Optional.of(Uuids.fromBytes(HexFormat.of().parseHex(humanId)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ApiException duplicate(String field) {
        return ApiException.invalid(Invalid.of(field, FieldType.STRING, InvalidSubcode.DUPLICATE));
    }
}
