package dev.breezeway.principal;

import dev.breezeway.error.AccessSubcode;
import dev.breezeway.error.ApiException;
import dev.breezeway.session.Session;
import java.util.Optional;

/** The rules for reading and changing principals, shared by every face. */
public final class PrincipalService {
    private final PrincipalStore store;

    public PrincipalService(PrincipalStore store) {
        this.store = store;
    }

    /** A principal with its manager, as principal-info shows it. */
    public record Detail(Principal principal, Optional<Principal> manager) {
    }

    /**
     * The principal {@code id} as {@code caller} may see it: administrators see every principal of
     * their account, others only themselves.
     *
     * @throws ApiException {@code no-data} if it does not exist in the caller's account,
     *                      {@code no-access denied} if the caller may not see it
     */
    public Detail view(Session caller, long id) {
        Principal p = store.findById(id).filter(x -> x.accountId() == caller.accountId())
                .orElseThrow(ApiException::noData);
        if (!caller.admin() && caller.principalId() != id) {
            throw ApiException.noAccess(AccessSubcode.DENIED);
        }
        Optional<Principal> manager = store.managerOf(id);
        return new Detail(p, manager);
    }
}
