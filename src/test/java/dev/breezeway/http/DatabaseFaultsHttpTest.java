package dev.breezeway.http;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.config.AppConfig;
import dev.breezeway.db.Database;
import dev.breezeway.db.EmbeddedMariaDb;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults of the database itself, on a private embedded MariaDB (never the shared test server): a killed
 * mariadbd is restarted by the supervisor and nothing committed is lost; a frozen one (SIGSTOP) makes
 * calls fail within a bounded time on every face, and the server recovers by itself after SIGCONT.
 */
class DatabaseFaultsHttpTest {
    private static final Path ROOT = Path.of("target", "fault-mariadb");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String INTERNAL_ERROR = "<results><status code=\"internal-error\"/></results>";
    /** The statement time limit in the freeze test: the driver gives a silent server 2 + 3 s. */
    private static final int STATEMENT_SECONDS = 2;
    /**
     * The longest a call may take on a frozen database: one wait, the driver's socket timeout (statement
     * limit + margin) or the pool's wait for a connection plus one validation, with 2 s for a loaded machine.
     */
    private static final Duration BOUND = Duration.ofMillis(2_000 + Math.max(
            Database.socketTimeoutMillis(STATEMENT_SECONDS),
            Database.CONNECTION_TIMEOUT_MS + Database.VALIDATION_TIMEOUT_MS));

    private static EmbeddedMariaDb mariadb;

    @BeforeAll
    static void startPrivateMariaDb() {
        // Durable as in production (fsync per commit): a killed server then loses nothing committed.
        mariadb = EmbeddedMariaDb.start(ROOT, false);
        dropLeftovers();
    }

    @AfterAll
    static void stopPrivateMariaDb() {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Test
    void aKilledEmbeddedMariaDbIsRestartedAndKeepsItsData() throws Exception {
        try (TestServer server = TestServer.start(newDatabase(), mariadb.user(), mariadb.password(), Map.of())) {
            BreezeClient admin = server.admin();
            assertThat(status(createUser(admin, "before-kill@example.com"))).isEqualTo("ok");
            long pid = mariadbdPid();

            ProcessHandle.of(pid).orElseThrow().destroyForcibly();  // SIGKILL
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());

            long start = System.nanoTime();
            awaitHealthz(server, 200, Duration.ofSeconds(60));
            System.out.printf("healthz 200 again %d ms after the kill%n", (System.nanoTime() - start) / 1_000_000);
            assertThat(mariadbdPid()).isNotEqualTo(pid);

            BreezeClient again = server.client();
            again.login(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
            String list = again.call("principal-list", "filter-login", "before-kill@example.com");
            assertThat(count(list, "/results/principal-list/principal")).as(list).isEqualTo(1);
        }
    }

    @Test
    void aFrozenDatabaseFailsCallsWithinABoundAndTheServerRecoversByItself() throws Exception {
        try (TestServer server = TestServer.start(newDatabase(), mariadb.user(), mariadb.password(),
                Map.of(AppConfig.DB_STATEMENT_SECONDS, String.valueOf(STATEMENT_SECONDS)))) {
            BreezeClient admin = server.admin();
            JsonClient json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
            assertThat(status(admin.call("principal-list"))).isEqualTo("ok");
            long pid = mariadbdPid();

            signal("STOP", pid);
            try {
                long t = System.nanoTime();
                BreezeClient.Reply list = admin.getRaw("principal-list");
                assertWithinBound(t, "principal-list");
                assertThat(list.status()).isEqualTo(200);
                assertSimilar(INTERNAL_ERROR, list.body());

                t = System.nanoTime();
                BreezeClient.Reply login = server.client().getRaw("login", "login", TestServer.ADMIN_LOGIN,
                        "password", TestServer.ADMIN_PASSWORD);
                assertWithinBound(t, "login");
                assertSimilar(INTERNAL_ERROR, login.body());

                t = System.nanoTime();
                BreezeClient.Reply write = admin.getRaw("principal-update", "type", "user", "has-children", "0",
                        "login", "during-freeze@example.com", "first-name", "F", "last-name", "Z",
                        "email", "during-freeze@example.com");
                assertWithinBound(t, "principal-update");
                assertSimilar(INTERNAL_ERROR, write.body());

                t = System.nanoTime();
                JsonClient.Reply rest = json.get("/resources/iam/principals");
                assertWithinBound(t, "GET /resources/iam/principals");
                assertThat(rest.status()).as(rest.raw()).isEqualTo(500);
                assertThat(rest.errorCode()).isEqualTo("INTERNAL_ERROR");

                t = System.nanoTime();
                BreezeClient.Reply health = healthz(server);
                assertWithinBound(t, "/healthz");
                assertThat(health.status()).isEqualTo(503);
            } finally {
                signal("CONT", pid);
            }

            long start = System.nanoTime();
            awaitHealthz(server, 200, Duration.ofSeconds(15));
            String list = admin.call("principal-list");
            System.out.printf("calls answer again %d ms after SIGCONT%n", (System.nanoTime() - start) / 1_000_000);
            assertThat(status(list)).as(list).isEqualTo("ok");
            // The write that timed out was rolled back, not half done.
            assertThat(count(admin.call("principal-list", "filter-login", "during-freeze@example.com"),
                    "/results/principal-list/principal")).isZero();
            assertThat(json.get("/resources/iam/principals").status()).isEqualTo(200);
        }
    }

    private static String createUser(BreezeClient admin, String login) {
        return admin.call("principal-update", "type", "user", "has-children", "0", "login", login,
                "first-name", "Before", "last-name", "Kill", "email", login);
    }

    private static void assertWithinBound(long startNanos, String what) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        System.out.printf("%s on a frozen database answered in %d ms%n", what, took.toMillis());
        assertThat(took).as(what).isLessThan(BOUND);
    }

    private static BreezeClient.Reply healthz(TestServer server) {
        return server.client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/healthz")));
    }

    private static void awaitHealthz(TestServer server, int status, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = healthz(server).status();
            if (last == status) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("/healthz stayed " + last + " for " + within);
    }

    /** The private mariadbd: a child of this JVM whose data directory lies under {@link #ROOT}. */
    private static long mariadbdPid() {
        String dataDir = ROOT.resolve("mariadb").toAbsolutePath().normalize().toString();
        List<Long> pids = ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().orElse("").endsWith("mariadbd"))
                .filter(h -> Arrays.stream(h.info().arguments().orElse(new String[0]))
                        .anyMatch(a -> a.startsWith("--datadir=") && a.contains(dataDir)))
                .map(ProcessHandle::pid)
                .toList();
        assertThat(pids).as("the private mariadbd").hasSize(1);
        return pids.get(0);
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(p.waitFor()).as("kill -" + signal).isZero();
    }

    private static String newDatabase() {
        String name = "fault_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return mariadb.serverUrl() + name;
    }

    private static void dropLeftovers() {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(mariadb.serverUrl(), mariadb.user(), mariadb.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW DATABASES LIKE 'fault\\_%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        names.forEach(n -> exec("DROP DATABASE " + n));
    }

    private static void exec(String sql) {
        try (Connection c = DriverManager.getConnection(mariadb.serverUrl(), mariadb.user(), mariadb.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
