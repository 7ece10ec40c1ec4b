package dev.breezeway.principal;

import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The operator's way back in ({@code java -jar breezeway.jar --reset-admin-password LOGIN}): makes
 * {@code LOGIN} an administrator of the account with the given password, creating the user when it
 * does not exist, and ends its sessions. Part of the principal core: it writes principals and
 * memberships through the core's stores, in one transaction.
 */
public final class AdminRecovery {
    private final DSLContext db;
    private final PrincipalStore principals;
    private final MembershipStore members;
    private final Credentials credentials;
    private final Uuids uuids;

    public AdminRecovery(DSLContext db, PrincipalStore principals, MembershipStore members, Credentials credentials,
                         Uuids uuids) {
        this.db = db;
        this.principals = principals;
        this.members = members;
        this.credentials = credentials;
        this.uuids = uuids;
    }

    /** What {@link #reset} did. */
    public record Result(long principalId, boolean created) {
    }

    /**
     * Sets {@code login}'s password to {@code hash} (or creates the user with it) in {@code accountId}, puts
     * it into the account's built-in administrators group and ends all its sessions.
     *
     * @throws IllegalArgumentException when the login belongs to another account or is not a user
     */
    public Result reset(long accountId, String login, String hash) {
        return db.transactionResult(() -> {
            long admins = principals.builtInGroupId(accountId, PrincipalType.ADMINS)
                    .orElseThrow(() -> new IllegalStateException("the account has no administrators group"));
            Optional<Principal> existing = principals.findByLogin(db, login);
            long id;
            boolean created;
            if (existing.isPresent()) {
                Principal p = existing.get();
                if (p.accountId() != accountId || p.type().isGroup()) {
                    throw new IllegalArgumentException("'" + login + "' is not a user of the first account");
                }
                id = p.principalId();
                created = false;
                credentials.recover(db, id, hash);
            } else {
                if (principals.loginTaken(login)) {
                    throw new IllegalArgumentException("'" + login + "' belongs to a deleted principal");
                }
                id = principals.insert(db, new PrincipalStore.NewPrincipal(uuids.next(), accountId, PrincipalType.USER,
                        Optional.of(login), Optional.empty(), "Administrator", Optional.of("Administrator"),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(hash), false));
                created = true;
            }
            members.addMember(db, admins, id);
            return new Result(id, created);
        });
    }
}
