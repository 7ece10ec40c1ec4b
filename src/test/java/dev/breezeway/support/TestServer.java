package dev.breezeway.support;

import dev.breezeway.App;
import dev.breezeway.config.AppConfig;
import dev.breezeway.db.Database;
import dev.breezeway.http.ServerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Server;

/**
 * The production wiring ({@link App} + {@link ServerFactory}) on a free port over a fresh database,
 * with a known administrator ({@link #ADMIN_LOGIN} / {@link #ADMIN_PASSWORD}).
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_LOGIN = "admin@example.com";
    public static final String ADMIN_PASSWORD = "Admin-Pass-4711";

    private final App app;
    private final Server server;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final MutableClock clock;

    private TestServer(App app, Server server, String dbUrl, String dbUser, String dbPassword, MutableClock clock) {
        this.app = app;
        this.server = server;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.clock = clock;
    }

    public static TestServer start() {
        return start(Map.of());
    }

    /** Starts with extra configuration entries (AppConfig keys). */
    public static TestServer start(Map<String, String> extra) {
        TestDatabase tdb = TestDatabase.get();
        return start(tdb.newDatabase(), tdb.user(), tdb.password(), extra);
    }

    /**
     * Starts over the (empty or already migrated) database at {@code url} instead of a fresh one on the
     * shared test server, e.g. on a private MariaDB a test may kill; the database is not stopped on close.
     */
    public static TestServer start(String url, String user, String password, Map<String, String> extra) {
        return start(url, user, password, extra, new MutableClock());
    }

    private static TestServer start(String url, String user, String password, Map<String, String> extra,
                                    MutableClock clock) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put(AppConfig.HTTP_HOST, "127.0.0.1");
        cfg.put(AppConfig.HTTP_PORT, "0");
        cfg.put(AppConfig.DB_URL, url);
        cfg.put(AppConfig.DB_USER, user);
        cfg.put(AppConfig.DB_PASSWORD, password);
        cfg.put(AppConfig.DB_POOL_SIZE, "8");
        cfg.put(AppConfig.ADMIN_LOGIN, ADMIN_LOGIN);
        cfg.put(AppConfig.ADMIN_PASSWORD, ADMIN_PASSWORD);
        cfg.put(AppConfig.SECRET_KEY, "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        // Every test client is 127.0.0.1: the per-address limits would join unrelated tests' failures.
        cfg.put("BREEZEWAY_LOGIN_MAX_FAILURES_PER_ADDRESS", "100000");
        cfg.put("BREEZEWAY_LOGIN_MAX_FAILURES_PER_LOGIN", "100000");
        cfg.putAll(extra);
        AppConfig config = AppConfig.fromMap(cfg);
        Database db = Database.open(url, user, password, config.dbPoolSize(),
                config.dbStatementSeconds(), Optional.empty());
        App app = App.start(config, db, clock);
        Server server = ServerFactory.newServer(app, config.httpHost(), 0);
        try {
            server.start();
        } catch (Exception e) {
            app.close();
            throw new IllegalStateException("Jetty did not start", e);
        }
        return new TestServer(app, server, url, user, password, clock);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + ServerFactory.port(server);
    }

    public int port() {
        return ServerFactory.port(server);
    }

    /** The port of {@code /metrics} when started with {@code BREEZEWAY_METRICS_PORT}. */
    public int metricsPort() {
        return ServerFactory.metricsPort(server).orElseThrow();
    }

    /** A client with no session. */
    public BreezeClient client() {
        return new BreezeClient(baseUrl());
    }

    /** A client logged in as the bootstrap administrator. */
    public BreezeClient admin() {
        BreezeClient c = client();
        c.login(ADMIN_LOGIN, ADMIN_PASSWORD);
        return c;
    }

    /**
     * Another node on this server's database (same key, same settings plus {@code extra}), as a second machine. It
     * shares this server's clock, as the nodes of a cluster share the time: the clock stands still until a test
     * moves it, and a node started later on a clock of its own would see the first node's audit events as older
     * than the change feed's window (a test run after 10 s of others failed so).
     */
    public TestServer sibling(Map<String, String> extra) {
        return start(dbUrl, dbUser, dbPassword, extra, clock);
    }

    public MutableClock clock() {
        return clock;
    }

    public App app() {
        return app;
    }

    /** A direct JDBC connection to this server's database, for asserting what is stored. */
    public Connection jdbc() {
        try {
            return DriverManager.getConnection(dbUrl, dbUser, dbPassword);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A counter of the database server's {@code SHOW GLOBAL STATUS}, e.g. {@code Com_select}. */
    public long globalStatus(String name) {
        try (Connection c = jdbc(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
            rs.next();
            return rs.getLong(2);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            app.close();
        }
    }
}
