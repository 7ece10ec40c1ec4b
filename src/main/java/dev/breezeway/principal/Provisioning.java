package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.audit.AuditLog;
import dev.breezeway.db.Constraints;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Users an identity provider vouches for and nobody created: just-in-time provisioning at a first single sign-on.
 * Such a user is an ordinary {@code user} of the provider's account, SSO-only ({@code passwordLogin: false}: it has
 * no password, and one set later does not open password login until an administrator allows it), in no group and
 * with no permission beyond what every user has. Its creation is audited as the system's, naming the provider.
 */
public final class Provisioning {
    private final PrincipalStore principals;
    private final Uuids uuids;
    private final AuditLog audit;

    public Provisioning(PrincipalStore principals, Uuids uuids, AuditLog audit) {
        this.principals = principals;
        this.uuids = uuids;
        this.audit = audit;
    }

    /** A user to create: its login, names and (verified) email. */
    public record External(String login, String firstName, String lastName, Optional<String> email) {
    }

    /**
     * Creates the user in {@code tx} (the caller's transaction); empty if its login or email is taken (then nothing
     * was written).
     *
     * @param via what vouched for it, e.g. {@code sso:corp}
     */
    public Optional<Principal> create(DSLContext tx, long accountId, External u, String via) {
        if (principals.loginTaken(u.login())
                || u.email().isPresent() && principals.emailTaken(accountId, u.email().get())) {
            return Optional.empty();
        }
        String name = (u.firstName() + " " + u.lastName()).strip();
        try {
            Principal p = principals.create(tx, new PrincipalStore.NewPrincipal(uuids.next(), accountId,
                    PrincipalType.USER, Optional.of(u.login()), Optional.empty(), name, Optional.of(u.firstName()),
                    Optional.of(u.lastName()), u.email(), Optional.empty(), Optional.empty(), false));
            tx.update(PRINCIPAL).set(PRINCIPAL.PASSWORD_LOGIN, false)
                    .where(PRINCIPAL.PRINCIPAL_ID.eq(p.principalId())).execute();
            Map<String, Object> details = new LinkedHashMap<>(PrincipalAudit.created(p));
            details.put("via", via);
            audit.system(accountId, "principal.create", PrincipalAudit.target(p), details);
            return Optional.of(p);
        } catch (DataAccessException e) {
            if (Constraints.violated(e, "uk_principal_login") || Constraints.violated(e, "uk_principal_email")) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
