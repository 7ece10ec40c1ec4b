package dev.breezeway.iam;

import dev.breezeway.session.Session;
import java.util.List;
import java.util.Map;

/**
 * What a caller may do: members of the Breeze {@code admins} group hold every permission; others the
 * union of their roles' permissions, their organisation rank's grants and their own ACL entries ({@code resource:permission}, {@code *}
 * wildcards), e.g. {@code iam/principals:read}. Access attributes narrow which principals a caller
 * reaches (ABAC).
 */
public final class Authorizer {

    /**
     * What every person who can log in holds: listing the directory, as every Adobe Connect user may.
     * API clients get nothing they are not given through their roles.
     */
    public static final java.util.Set<String> BASELINE = java.util.Set.of("directory:list");

    private final IamStore store;

    public Authorizer(IamStore store) {
        this.store = store;
    }

    public boolean can(Session caller, String permission) {
        if (caller.admin()) {
            return true;
        }
        if (BASELINE.contains(permission) && caller.type().isPerson()) {
            return true;
        }
        IamPrincipal.AclEntry wanted = IamPrincipal.AclEntry.parse(permission).orElseThrow();
        for (IamPrincipal.AclEntry e : caller.memo(Grants.class, () -> grantsOf(caller)).entries()) {
            if (e.grants(wanted.resource(), wanted.permission())) {
                return true;
            }
        }
        return false;
    }

    /** The caller's access attributes; empty means unscoped. */
    public Map<String, List<String>> scope(Session caller) {
        return caller.memo(Scope.class, () -> new Scope(store.attributesOf(caller.principalId()))).attributes();
    }

    /** Everything a caller holds besides administration: own ACL entries, role permissions, rank grants. */
    private record Grants(List<IamPrincipal.AclEntry> entries) {
    }

    private record Scope(Map<String, List<String>> attributes) {
    }

    private Grants grantsOf(Session caller) {
        List<IamPrincipal.AclEntry> entries = new java.util.ArrayList<>(store.aclOf(caller.principalId()));
        List<String> granted = new java.util.ArrayList<>(store.rolePermissions(caller.principalId(), caller.accountId()));
        granted.addAll(dev.breezeway.org.Rank.parse(store.rankOf(caller.principalId()))
                .map(dev.breezeway.org.Rank::grants).orElse(List.of()));
        for (String p : granted) {
            IamPrincipal.AclEntry.parse(p).ifPresent(entries::add);
        }
        return new Grants(List.copyOf(entries));
    }

    /** True if {@code target} shares a value with the caller for each of the caller's attribute keys. */
    public static boolean inScope(Map<String, List<String>> scope, IamPrincipal target) {
        for (Map.Entry<String, List<String>> e : scope.entrySet()) {
            List<String> theirs = target.accessAttributes().getOrDefault(e.getKey(), List.of());
            if (theirs.stream().noneMatch(e.getValue()::contains)) {
                return false;
            }
        }
        return true;
    }
}
