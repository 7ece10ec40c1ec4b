package dev.breezeway.principal;

import dev.breezeway.access.Authorizer;
import dev.breezeway.access.Grant;
import dev.breezeway.access.Rank;
import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.session.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;

/**
 * A principal's life after its creation, on every face: suspension and reactivation, soft deletion
 * (deactivation, removal from the organisation), deletion for good, rank and guest promotion. Nobody
 * suspends or deletes themselves or a principal more powerful than themselves, and the account always
 * keeps a live member of {@code admins}, e.g. the last administrator's suspension is {@code no-access denied}.
 */
public final class Lifecycle {
    private final DSLContext db;
    private final PrincipalStore store;
    private final ModernFieldsStore fields;
    private final MembershipStore members;
    private final AuthorizationStore authorizations;
    private final Credentials credentials;
    private final Authorizer authz;
    private final Uuids uuids;
    private final AuditLog audit;

    public Lifecycle(DSLContext db, PrincipalStore store, MembershipStore members, Credentials credentials,
                     Authorizer authz, Uuids uuids, AuditLog audit) {
        this.audit = audit;
        this.uuids = uuids;
        this.db = db;
        this.store = store;
        this.fields = new ModernFieldsStore(db);
        this.members = members;
        this.authorizations = new AuthorizationStore(db);
        this.credentials = credentials;
        this.authz = authz;
    }

    /** Suspends: sets the suspension time and ends every session at once; a stale {@code expected} version changes nothing. */
    public void suspend(Session caller, long id, OptionalLong expected) {
        Principal p = live(caller, id);
        if (id == caller.principalId()) {
            throw ApiException.problem(Problem.CANNOT_SUSPEND_SELF, "principal-id");
        }
        authz.requireMayActOn(caller, id);
        Instant now = credentials.now();
        db.transaction(() -> authz.keepingAdmins(db, caller.accountId(), () -> {
            if (!fields.setSuspended(db, id, expected, Optional.of(p.suspendedAt().orElse(now)), now)) {
                throw ApiException.problem(Problem.PRECONDITION_FAILED, "version");
            }
            credentials.endSessions(db, id, Optional.empty());
            audit.change(caller, "principal.suspend", AuditTarget.principal(id, p.breezeLogin()), Map.of());
        }));
    }

    public void reactivate(Session caller, long id, OptionalLong expected) {
        Principal p = live(caller, id);
        authz.requireMayActOn(caller, id);
        db.transaction(() -> {
            if (!fields.setSuspended(db, id, expected, Optional.empty(), credentials.now())) {
                throw ApiException.problem(Problem.PRECONDITION_FAILED, "version");
            }
            audit.change(caller, "principal.reactivate", AuditTarget.principal(id, p.breezeLogin()), Map.of());
        });
    }

    /** ACTIVE ↔ SUSPENDED (seed 004); returns true if the principal is now suspended. */
    public boolean toggleSuspension(Session caller, long id) {
        if (live(caller, id).suspendedAt().isPresent()) {
            reactivate(caller, id, OptionalLong.empty());
            return false;
        }
        suspend(caller, id, OptionalLong.empty());
        return true;
    }

    /**
     * Soft-deletes a user ({@code principal-deactivate}, a client's {@code DELETE /api/v1/users/{humanId}}).
     * Deactivating a deactivated user again succeeds; groups, built-in principals and the caller itself
     * are {@code illegal-operation}.
     */
    public void deactivate(Session caller, Principal p) {
        refuseSelf(caller, p.principalId());
        if (p.type().isGroup() || p.isPrimary()) {
            throw ApiException.invalid(Invalid.of("principal-id", FieldType.ID, InvalidSubcode.ILLEGAL_OPERATION));
        }
        authz.requireMayActOn(caller, p.principalId());
        db.transaction(() -> authz.keepingAdmins(db, caller.accountId(), () -> softDelete(caller, p)));
    }

    /**
     * Soft deletion, the one way: the principal leaves every group and policy (policies assigned only to
     * it are deleted), its sessions end, and its row stays with {@code deleted_at}, hidden from every
     * list, lookup and login. Doing it again changes nothing.
     */
    private void softDelete(DSLContext tx, long id) {
        members.leaveAll(tx, id);
        store.deactivate(tx, id, credentials.now());
        credentials.endSessions(tx, id, Optional.empty());
    }

    private void softDelete(Session caller, Principal p) {
        softDelete(db, p.principalId());
        audit.change(caller, "principal.deactivate", AuditTarget.principal(p.principalId(), p.breezeLogin()), Map.of());
    }

    /** Nobody deletes or suspends themselves: {@code CANNOT_DELETE_SELF} (XML {@code illegal-operation} on the id). */
    private static void refuseSelf(Session caller, long id) {
        if (id == caller.principalId()) {
            throw ApiException.problem(Problem.CANNOT_DELETE_SELF, "principal-id");
        }
    }

    /** A live or deactivated user of the caller's account, for {@link #deactivate}; {@code no-such-item} otherwise. */
    public Principal deactivatable(Session caller, long id) {
        return store.findIncludingDeactivated(db, id).filter(x -> x.accountId() == caller.accountId())
                .orElseThrow(() -> ApiException.invalid(Invalid.of("principal-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM)));
    }

    /**
     * Removes a user from the organisation (seed 004's {@code DELETE /user}, {@code user-remove}): the same
     * soft deletion as {@link #deactivate}, for users and guests.
     */
    public void removeFromOrganisation(Session caller, long id) {
        Principal p = live(caller, id);
        refuseSelf(caller, id);
        authz.requireMayActOn(caller, id);
        db.transaction(() -> authz.keepingAdmins(db, caller.accountId(), () -> softDelete(caller, p)));
    }

    /**
     * Deletes principals of the caller's account for good (principals-delete): users leave their groups,
     * a group's members stay. Ids that no longer exist are skipped, so a retried delete succeeds; built-in
     * groups and the caller itself are {@code illegal-operation}. Soft-deleted users go for good too.
     */
    public void delete(Session caller, List<Long> ids) {
        db.transaction(() -> {
            List<Invalid> problems = new ArrayList<>();
            LinkedHashSet<Long> existing = new LinkedHashSet<>();
            for (long id : ids) {
                Optional<Principal> p = store.findIncludingDeactivated(db, id).filter(x -> x.accountId() == caller.accountId());
                if (p.isEmpty()) {
                    continue;
                }
                if (id == caller.principalId()) {
                    // Yourself, as everywhere: the same <invalid> a self-delete gets on every action.
                    problems.addAll(ApiException.problem(Problem.CANNOT_DELETE_SELF, "principal-id").invalids());
                } else if (p.get().isPrimary()) {
                    problems.add(Invalid.of("principal-id", FieldType.ID, InvalidSubcode.ILLEGAL_OPERATION));
                } else {
                    existing.add(id);
                }
            }
            if (!problems.isEmpty()) {
                throw ApiException.invalid(problems);
            }
            deleteForGood(caller, existing);
        });
    }

    /** Deletes one person for good if its version is still {@code expected} (the JSON DELETE). */
    public void delete(Session caller, long id, OptionalLong expected) {
        live(caller, id);
        refuseSelf(caller, id);
        db.transaction(() -> {
            if (!fields.bumpVersion(db, id, expected, credentials.now())) {
                throw ApiException.problem(Problem.PRECONDITION_FAILED, "version");
            }
            deleteForGood(caller, List.of(id));
        });
    }

    private void deleteForGood(Session caller, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        for (long id : ids) {
            authz.requireMayActOn(caller, id);
            Optional<Principal> p = store.findIncludingDeactivated(db, id);
            audit.change(caller, "principal.delete", AuditTarget.principal(id, p.map(Principal::breezeLogin).orElse(null)),
                    p.map(x -> Map.<String, Object>of("type", x.type().wire()))
                            .orElse(Map.of()));
        }
        authz.keepingAdmins(db, caller.accountId(), () -> store.delete(db, caller.accountId(), ids));
    }

    /**
     * Sets a user's organisation rank. A rank's grants can be given only by a caller holding them all,
     * and only a caller holding every permission (rank SUPER, {@code admins}) makes or unmakes an ADMIN or
     * SUPER; nobody changes their own rank; a guest gets no rank until it is promoted.
     */
    public void setRank(Session caller, long id, Rank rank) {
        Principal target = person(caller, id);
        authz.requireNotSelf(caller, id);
        authz.requireMayActOn(caller, id);
        Rank current = Rank.parse(authz.rankOf(id)).orElse(Rank.REGULAR);
        if (rank != Rank.REGULAR || current != Rank.REGULAR) {
            authz.requireGrantable(caller, List.of(Grant.ALL));
        }
        if (target.type() == PrincipalType.GUEST && rank != Rank.REGULAR) {
            throw ApiException.invalid(Invalid.of("rank", FieldType.STRING, InvalidSubcode.FORMAT))
                    .describedAs("A guest cannot be given a rank; promote it first");
        }
        db.transaction(() -> {
            authorizations.setRank(db, id, rank, credentials.now());
            audit.change(caller, "principal.rank", PrincipalAudit.target(target),
                    AuditLog.changes(Map.of("rank", current.toString()), Map.of("rank", rank.toString())));
        });
    }

    /** A guest becomes a regular user. */
    public void promoteGuest(Session caller, long id) {
        Principal target = person(caller, id);
        if (target.type() != PrincipalType.GUEST) {
            throw ApiException.invalid(Invalid.of("email_id", FieldType.STRING, InvalidSubcode.FORMAT))
                    .describedAs("User is not a guest");
        }
        authz.requireMayActOn(caller, id);
        db.transaction(() -> {
            fields.promoteGuest(db, id, credentials.now());
            audit.change(caller, "principal.promote", PrincipalAudit.target(target),
                    AuditLog.changes(Map.of("type", "guest"), Map.of("type", "user")));
        });
    }

    /**
     * Gives a principal the type {@code type} (update-principal-type): {@code USER} on a guest promotes it as
     * {@link #promoteGuest} does; the principal's own type changes nothing; any other change (into or out of
     * a group or built-in type, a user into a guest) is {@code illegal-operation} on {@code type}.
     *
     * @return the principal's type afterwards
     * @throws ApiException {@code no-data} if it is no live principal of the caller's account
     */
    public PrincipalType changeType(Session caller, long id, PrincipalType type) {
        Principal p = live(caller, id);
        if (p.type() == type) {
            return type;
        }
        if (p.type() == PrincipalType.GUEST && type == PrincipalType.USER) {
            promoteGuest(caller, id);
            return PrincipalType.USER;
        }
        throw ApiException.invalid(Invalid.of("type", FieldType.ENUM, InvalidSubcode.ILLEGAL_OPERATION))
                .describedAs("Only a guest can change its type, to user");
    }

    /** Creates the hidden principal an API client acts through (type {@code api-client}: no login, no password). */
    public long createClientPrincipal(DSLContext tx, long accountId, String name) {
        return store.insert(tx, new PrincipalStore.NewPrincipal(uuids.next(), accountId, PrincipalType.API_CLIENT,
                Optional.empty(), Optional.empty(), name, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false));
    }

    /** A revoked client's principal: soft-deleted, its tokens ended, inside the caller's transaction. */
    public void retireClient(DSLContext tx, long principalId) {
        softDelete(tx, principalId);
    }

    /** Ends every session of the principal at once, inside the caller's transaction (e.g. a rotated client secret). */
    public void endSessions(DSLContext tx, long principalId) {
        credentials.endSessions(tx, principalId, Optional.empty());
    }

    /** A live principal of the caller's account. @throws ApiException {@code no-data} */
    private Principal live(Session caller, long id) {
        return store.findById(id).filter(p -> p.accountId() == caller.accountId()).orElseThrow(ApiException::noData);
    }

    /** A live user or guest of the caller's account. @throws ApiException {@code no-data} */
    private Principal person(Session caller, long id) {
        return store.findById(id).filter(p -> p.accountId() == caller.accountId())
                .filter(p -> p.type() == PrincipalType.USER || p.type() == PrincipalType.GUEST)
                .orElseThrow(() -> ApiException.noData().describedAs("No such user in your organization"));
    }
}
