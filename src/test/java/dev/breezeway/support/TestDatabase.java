package dev.breezeway.support;

import dev.breezeway.db.EmbeddedMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MariaDB server of a test JVM: the external one named by {@code BREEZEWAY_TEST_DB_URL} (with
 * {@code BREEZEWAY_TEST_DB_USER}/{@code _PASSWORD}), or else an embedded one started once under
 * {@code target/test-mariadb}. Each test class gets a fresh database on it. If no database can be
 * started, tests fail: they never skip.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestDatabase instance;

    private final String serverUrl;
    private final String user;
    private final String password;

    private TestDatabase(String serverUrl, String user, String password) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            String external = System.getenv("BREEZEWAY_TEST_DB_URL");
            if (external != null && !external.isBlank()) {
                instance = new TestDatabase(serverPart(external), env("BREEZEWAY_TEST_DB_USER", "root"),
                        env("BREEZEWAY_TEST_DB_PASSWORD", ""));
            } else {
                // Unit/HTTP tests and integration tests run in separate JVMs one after the other: separate
                // data directories keep the second from waiting on the first server's file locks.
                EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of("target",
                        System.getProperty("breezeway.test.db.dir", "test-mariadb")), true);
                Runtime.getRuntime().addShutdownHook(new Thread(db::close));
                instance = new TestDatabase(db.serverUrl(), db.user(), db.password());
            }
            instance.dropLeftovers();
        }
        return instance;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String newDatabase() {
        String name = "bwt_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return serverUrl + name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    private void dropLeftovers() {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(serverUrl, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW DATABASES LIKE 'bwt\\_%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test MariaDB at " + serverUrl, e);
        }
        names.forEach(n -> exec("DROP DATABASE IF EXISTS " + n));
    }

    private void exec(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database statement failed: " + sql, e);
        }
    }

    private static String serverPart(String url) {
        int scheme = url.indexOf("//");
        int slash = url.indexOf('/', scheme + 2);
        return (slash < 0 ? url : url.substring(0, slash)) + "/";
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
