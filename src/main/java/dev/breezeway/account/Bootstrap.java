package dev.breezeway.account;

import dev.breezeway.auth.PasswordHasher;
import dev.breezeway.auth.PasswordPolicy;
import dev.breezeway.config.ConfigException;
import dev.breezeway.db.Constraints;
import dev.breezeway.principal.MembershipStore;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.principal.PrincipalType;
import dev.breezeway.principal.Uuids;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start of an empty database: creates the first account with its built-in groups (admins,
 * authors, …, everyone) and the bootstrap administrator, in one transaction. With no configured
 * password one is generated and printed once.
 */
public final class Bootstrap {
    public static final String FIRST_ACCOUNT_NAME = "Breezeway";
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final DSLContext db;
    private final AccountStore accounts;
    private final PrincipalStore principals;
    private final MembershipStore members;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Uuids uuids;

    public Bootstrap(DSLContext db, AccountStore accounts, PrincipalStore principals, MembershipStore members,
                     PasswordHasher hasher, PasswordPolicy policy, Uuids uuids) {
        this.members = members;
        this.db = db;
        this.accounts = accounts;
        this.principals = principals;
        this.hasher = hasher;
        this.policy = policy;
        this.uuids = uuids;
    }

    /** Creates the first account and administrator unless an account exists; safe to run on every start. */
    public void run(String adminLogin, Optional<String> adminPassword) {
        if (accounts.firstAccountId().isPresent()) {
            return;
        }
        adminPassword.flatMap(p -> policy.violation(dev.breezeway.principal.PasswordRules.defaults(dev.breezeway.principal.Face.JSON), p, adminLogin)).ifPresent(v -> {
            throw new ConfigException(List.of("BREEZEWAY_ADMIN_PASSWORD " + v));
        });
        String password = adminPassword.orElseGet(Bootstrap::generatePassword);
        String hash = hasher.hash(password);
        try {
            db.transaction(() -> {
                long accountId = accounts.insert(db, FIRST_ACCOUNT_NAME);
                long adminsId = 0;
                for (PrincipalType type : PrincipalType.builtInGroups()) {
                    long id = principals.insert(db, new PrincipalStore.NewPrincipal(uuids.next(), accountId, type,
                            Optional.empty(), Optional.of(type.defaultName()), type.defaultName(), Optional.empty(),
                            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true));
                    if (type == PrincipalType.ADMINS) {
                        adminsId = id;
                    }
                }
                long adminId = principals.insert(db, new PrincipalStore.NewPrincipal(uuids.next(), accountId,
                        PrincipalType.USER, Optional.of(adminLogin), Optional.empty(), "Administrator",
                        Optional.of("Administrator"), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of(hash), false));
                members.addMember(db, adminsId, adminId);
            });
        } catch (DataAccessException e) {
            if (Constraints.violated(e, "uk_account_name")) {
                return; // another instance bootstrapped the same database at the same moment
            }
            throw e;
        }
        if (adminPassword.isEmpty()) {
            // Printed once, on the console only: the operator needs it to log in the first time.
            System.out.println("Breezeway created the administrator '" + adminLogin + "' with the generated password: "
                    + password);
        }
        log.info("Created the first account and the administrator '{}'", adminLogin);
    }

    /** A password that passes the default policy, e.g. for the first administrator or a recovery. */
    public static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        // The fixed prefix guarantees an upper-case letter, a lower-case letter and a digit.
        return "Bw7" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
