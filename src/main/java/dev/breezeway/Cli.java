package dev.breezeway;

import dev.breezeway.access.Authorizer;
import dev.breezeway.account.AccountStore;
import dev.breezeway.account.Bootstrap;
import dev.breezeway.auth.LoginThrottle;
import dev.breezeway.auth.PasswordHasher;
import dev.breezeway.auth.PasswordPolicy;
import dev.breezeway.config.AppConfig;
import dev.breezeway.config.ConfigException;
import dev.breezeway.db.Database;
import dev.breezeway.db.DatabaseUnavailableException;
import dev.breezeway.principal.AdminRecovery;
import dev.breezeway.principal.Credentials;
import dev.breezeway.principal.Face;
import dev.breezeway.principal.MembershipStore;
import dev.breezeway.principal.PasswordRules;
import dev.breezeway.principal.Policies;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.principal.Uuids;
import dev.breezeway.session.SessionStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The commands of {@code java -jar breezeway.jar}: each opens the configured database (embedded or
 * external, migrating it), does its job, stops it and exits 0, or prints one line and exits non-zero.
 */
final class Cli {
    static final String USAGE = """
            Usage: java -jar breezeway.jar [COMMAND]

            Without a command: run the server (configured by BREEZEWAY_* environment variables, see README).

            Commands:
              --help                         this text
              --version                      the version of this build
              --migrate                      apply the database migrations, then exit
              --reset-admin-password LOGIN   make LOGIN an administrator of the first account (creating the
                                             user if it does not exist) with a new password: the value of
                                             BREEZEWAY_ADMIN_PASSWORD, or a generated one printed once;
                                             ends LOGIN's sessions and clears its login locks
              --clear-login-lock LOGIN       forget LOGIN's failed logins (every address), ending its lock

            Exit codes: 0 done, 1 failed, 2 bad configuration or usage, 3 port in use, 4 database unreachable.
            Stop the server before a command on an embedded data directory.
            """;

    private Cli() {
    }

    static int run(String[] args) {
        String command = args[0];
        switch (command) {
            case "--help", "-h" -> {
                System.out.print(USAGE);
                return 0;
            }
            case "--version" -> {
                System.out.println("Breezeway " + version());
                return 0;
            }
            case "--migrate" -> {
                if (args.length != 1) {
                    return usage(command + " takes no argument");
                }
                return withDatabase(db -> {
                    System.out.println("Breezeway: the database is migrated");
                    return 0;
                });
            }
            case "--reset-admin-password", "--clear-login-lock" -> {
                if (args.length != 2 || args[1].isBlank() || args[1].startsWith("--")) {
                    return usage(command + " takes one argument: the login");
                }
                String login = args[1].strip();
                return "--clear-login-lock".equals(command)
                        ? withDatabase(o -> clearLock(o.config(), o.database(), login))
                        : withDatabase(o -> resetAdmin(o.config(), o.database(), login));
            }
            default -> {
                return usage("unknown option: " + command);
            }
        }
    }

    private static int usage(String problem) {
        System.err.println("Breezeway: " + problem);
        System.err.print(USAGE);
        return Main.EXIT_CONFIG;
    }

    /** The jar manifest's Implementation-Version (the Maven project version). */
    static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v == null ? "(unknown: not run from the jar)" : v;
    }

    private record Opened(AppConfig config, Database database) {
    }

    private static int withDatabase(Function<Opened, Integer> job) {
        AppConfig config;
        try {
            config = AppConfig.fromSources(System.getenv(), Optional.empty());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return Main.EXIT_CONFIG;
        }
        Database database;
        try {
            database = Database.open(config);
        } catch (DatabaseUnavailableException e) {
            System.err.println(e.getMessage());
            return Main.EXIT_DATABASE;
        } catch (RuntimeException e) {
            System.err.println("Breezeway cannot open the database: " + Launcher.reason(e));
            return Main.EXIT_FAILED;
        }
        try (database) {
            return job.apply(new Opened(config, database));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return Main.EXIT_CONFIG;
        } catch (RuntimeException e) {
            System.err.println("Breezeway: " + Launcher.reason(e));
            return Main.EXIT_FAILED;
        }
    }

    private static LoginThrottle throttle(AppConfig c, Database database) {
        return new LoginThrottle(database.autonomous(), Clock.systemUTC(), c.loginMaxFailures(),
                c.loginMaxFailuresPerAddress(), c.loginMaxFailuresPerLogin(), c.loginLockWindow(),
                new dev.breezeway.metrics.LoginMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    }

    /** {@code --clear-login-lock LOGIN} over an open database. */
    static int clearLock(AppConfig config, Database database, String login) {
        int n = throttle(config, database).clear(Optional.of(login), Optional.empty());
        System.out.println("Breezeway cleared " + n + " failed-login counter(s) of '" + login + "'");
        return 0;
    }

    /** {@code --reset-admin-password LOGIN} over an open database; prints what it did. */
    static int resetAdmin(AppConfig config, Database database, String login) {
        var db = database.dsl();
        Clock clock = Clock.systemUTC();
        PasswordPolicy policy = new PasswordPolicy();
        Optional<String> given = config.adminPassword();
        given.flatMap(p -> policy.violation(PasswordRules.defaults(Face.JSON), p, login)).ifPresent(v -> {
            throw new ConfigException(List.of(AppConfig.ADMIN_PASSWORD + " " + v));
        });
        String password = given.orElseGet(Bootstrap::generatePassword);
        PasswordHasher hasher = new PasswordHasher();
        Uuids uuids = new Uuids(clock);
        AccountStore accounts = new AccountStore(db);
        PrincipalStore principals = new PrincipalStore(db);
        MembershipStore members = new MembershipStore(db);
        Optional<Long> account = accounts.firstAccountId();
        if (account.isEmpty()) {
            new Bootstrap(db, accounts, principals, members, hasher, policy, uuids).run(login, Optional.of(password));
            System.out.println("Breezeway created the first account and the administrator '" + login + "'");
        } else {
            Authorizer authorizer = new Authorizer(db);
            dev.breezeway.audit.AuditLog audit = new dev.breezeway.audit.AuditLog(db, database.autonomous(), clock);
            Credentials credentials = new Credentials(db, principals, new SessionStore(db), hasher, policy,
                    new Policies(db, audit), authorizer, clock, audit, config.recovery().temporaryPassword());
            AdminRecovery.Result r = new AdminRecovery(db, principals, members, credentials, uuids)
                    .reset(account.get(), login, hasher.hash(password));
            System.out.println(r.created()
                    ? "Breezeway created the administrator '" + login + "'"
                    : "Breezeway reset the password of '" + login + "', made it an administrator and ended its sessions");
        }
        int cleared = throttle(config, database).clear(Optional.of(login), Optional.empty());
        if (cleared > 0) {
            System.out.println("Breezeway cleared " + cleared + " failed-login counter(s) of '" + login + "'");
        }
        if (given.isEmpty()) {
            // Printed once, on the console only, like the first start's.
            System.out.println("Breezeway set the administrator '" + login + "' the generated password: " + password);
        } else {
            System.out.println("Breezeway set the administrator '" + login + "' the password of "
                    + AppConfig.ADMIN_PASSWORD);
        }
        return 0;
    }
}
