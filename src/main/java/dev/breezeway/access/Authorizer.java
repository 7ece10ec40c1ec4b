package dev.breezeway.access;

import dev.breezeway.error.AccessSubcode;
import dev.breezeway.error.ApiException;
import dev.breezeway.principal.PrincipalType;
import dev.breezeway.session.Session;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The one place that answers "may this caller do this": it computes a principal's effective
 * permissions ({@link Grants}: the {@code admins} group, rank, roles, own ACL, the baseline) and holds
 * the rules against escalation, e.g. a caller holding {@code users:password-reset} may not reset the
 * password of an administrator, who holds more.
 *
 * <p>Every refusal is {@code no-access}/{@code denied} (JSON 403 {@code FORBIDDEN}) and is thrown before
 * anything is written.
 */
public final class Authorizer {
    private final GrantStore store;

    public Authorizer(DSLContext db) {
        this.store = new GrantStore(db);
    }

    /** What the caller holds, computed once per session and again after any write through this process. */
    public Grants grantsOf(Session caller) {
        return caller.memo(Grants.class, () -> compute(caller.principalId(), caller.type(), caller.accountId(),
                () -> store.inAdmins(caller.principalId()), Optional.empty()));
    }

    /** What the principal {@code principalId} holds now; nothing if it does not exist. */
    public Grants grantsOf(long principalId) {
        Optional<GrantStore.Standing> s = store.standing(principalId);
        if (s.isEmpty()) {
            return new Grants(false, List.of(), false);
        }
        return compute(principalId, s.get().type(), s.get().accountId(), () -> store.inAdmins(principalId), s);
    }

    /** @param standing the principal's row when the caller already read it (its rank), else read here */
    private Grants compute(long principalId, PrincipalType type, long accountId,
                           java.util.function.BooleanSupplier inAdmins, Optional<GrantStore.Standing> standing) {
        // An API client holds exactly what its roles give: never the admins group, a rank or the baseline.
        boolean client = type == PrincipalType.API_CLIENT;
        if (!client && inAdmins.getAsBoolean()) {
            return new Grants(true, List.of(), true);
        }
        List<Grant> entries = new ArrayList<>(store.entries(principalId, accountId));
        if (!client) {
            Optional<Rank> rank = standing.or(() -> store.standing(principalId))
                    .flatMap(s -> Optional.ofNullable(s.rank())).flatMap(Rank::parse);
            for (String g : rank.map(Rank::grants).orElse(List.of())) {
                entries.add(Grant.of(g));
            }
        }
        boolean all = entries.stream().anyMatch(Grant.ALL::equals);
        return new Grants(all, all ? List.of() : entries, type.isPerson());
    }

    public boolean can(Session caller, String permission) {
        // The baseline needs no query: every person holds it, whatever else it holds.
        if (caller.type().isPerson() && Grants.BASELINE.toString().equals(permission)) {
            return true;
        }
        return grantsOf(caller).holds(permission);
    }

    /**
     * The gate in front of every row of both tables: a login where the row needs one ({@code no-login},
     * JSON 401, without), and the row's plain permission ({@code denied}, JSON 403, without it).
     */
    public void admit(Access access, Optional<Session> session) {
        if (!access.needsLogin()) {
            return;
        }
        Session s = session.orElseThrow(() -> ApiException.noAccess(AccessSubcode.NO_LOGIN));
        access.gatePermission().ifPresent(p -> require(s, p));
    }

    /** @throws ApiException {@code no-access denied} unless the caller holds {@code permission} */
    public void require(Session caller, String permission) {
        if (!can(caller, permission)) {
            throw denied();
        }
    }

    /** The caller itself, or a caller holding {@code permission} (an {@link Access.Kind#SELF_OR} row). */
    public void requireSelfOr(Session caller, long targetId, String permission) {
        if (caller.principalId() != targetId) {
            require(caller, permission);
        }
    }

    /** The organisation rank of a principal ({@code REGULAR} if it has none). */
    public String rankOf(long principalId) {
        return store.standing(principalId).map(GrantStore.Standing::rank).filter(r -> r != null).orElse("REGULAR");
    }

    /** The catalogue permissions {@code principalId} holds: what every check enforces, e.g. for user-permissions. */
    public List<String> report(long principalId) {
        return grantsOf(principalId).report();
    }

    /** Nobody grants what they do not hold: every permission in {@code conferred} must be held by the caller. */
    public void requireGrantable(Session caller, Collection<Grant> conferred) {
        if (!grantsOf(caller).holdsAll(conferred)) {
            throw denied();
        }
    }

    /** Giving these roles confers their permissions in the caller's account: the caller must hold them all. */
    public void requireRolesGrantable(Session caller, Collection<String> roles) {
        requireGrantable(caller, store.permissionsOfRoles(caller.accountId(), roles));
    }

    /** The permissions a set of role names confers in an account. */
    public List<Grant> permissionsOfRoles(long accountId, Collection<String> roles) {
        return store.permissionsOfRoles(accountId, roles);
    }

    /**
     * Nobody acts on a principal more powerful than themselves: the target's effective permissions must
     * be a subset of the caller's. Acting on oneself is always within one's own power.
     */
    public void requireNotMorePowerful(Session caller, long targetId) {
        if (caller.principalId() != targetId && !grantsOf(caller).covers(grantsOf(targetId))) {
            throw denied();
        }
    }

    /** Nobody changes their own authorization (roles, ACL, access attributes, rank, permissions, admins). */
    public void requireNotSelf(Session caller, long targetId) {
        if (caller.principalId() == targetId) {
            throw denied();
        }
    }

    /**
     * Runs {@code writes} inside the caller's transaction so that the account keeps at least one live
     * member of {@code admins}: refused (and rolled back with the transaction) if there was one before
     * and none after. The account row is locked first, so two such changes cannot each leave the other
     * as the last administrator.
     */
    public void keepingAdmins(DSLContext tx, long accountId, Runnable writes) {
        store.lockAccount(tx, accountId);
        boolean before = !store.liveAdmins(tx, accountId).isEmpty();
        writes.run();
        if (before && store.liveAdmins(tx, accountId).isEmpty()) {
            throw denied();
        }
    }

    /** True if membership in this group makes one an administrator: {@code admins} itself or a group inside it. */
    public boolean confersAdmin(long groupId, PrincipalType type) {
        return type == PrincipalType.ADMINS || store.inAdmins(groupId);
    }

    /**
     * The caller may act on {@code targetId}: itself, or a principal no more powerful than the caller and,
     * for a caller scoped by access attributes, inside its scope.
     */
    public void requireMayActOn(Session caller, long targetId) {
        if (caller.principalId() == targetId) {
            return;
        }
        requireNotMorePowerful(caller, targetId);
        Map<String, List<String>> scope = scope(caller);
        if (!scope.isEmpty() && !inScope(scope, store.attributes(targetId))) {
            throw denied();
        }
    }

    /** The caller's access attributes (ABAC); empty means unscoped. */
    public Map<String, List<String>> scope(Session caller) {
        return caller.memo(Scope.class, () -> new Scope(store.attributes(caller.principalId()))).attributes();
    }

    private record Scope(Map<String, List<String>> attributes) {
    }

    /** True if {@code attributes} share a value with the scope for each of the scope's keys. */
    public static boolean inScope(Map<String, List<String>> scope, Map<String, List<String>> attributes) {
        for (Map.Entry<String, List<String>> e : scope.entrySet()) {
            List<String> theirs = attributes.getOrDefault(e.getKey(), List.of());
            if (theirs.stream().noneMatch(e.getValue()::contains)) {
                return false;
            }
        }
        return true;
    }

    /** A scoped caller may only give a principal attributes that keep it inside the caller's scope. */
    public void requireWithinScope(Session caller, Map<String, List<String>> attributes) {
        if (!inScope(scope(caller), attributes)) {
            throw denied();
        }
    }

    public static ApiException denied() {
        return ApiException.noAccess(AccessSubcode.DENIED);
    }
}
