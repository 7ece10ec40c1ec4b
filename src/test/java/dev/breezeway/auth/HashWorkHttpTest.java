package dev.breezeway.auth;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breezeway.config.AppConfig;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestPrincipals;
import dev.breezeway.support.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the password-hashing work an anonymous caller can queue is bounded, and work for a client
 * that has closed its connection stops.
 */
class HashWorkHttpTest {
    private static final String BUSY = "<results><status code=\"no-access\" subcode=\"not-available\"/></results>";
    private static final int STORM = 48;
    /** A server whose login queue holds two checks at once. */
    private static TestServer small;
    /** A server with the default queue, for the disconnect cases. */
    private static TestServer server;

    @BeforeAll
    static void start() {
        small = TestServer.start(Map.of(AppConfig.HASH_QUEUE, "2"));
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        small.close();
        server.close();
    }

    private record Attempt(boolean json, int status, String body, List<String> retryAfter, long millis) {
        boolean busy() {
            return json ? status == 503 : body.contains("not-available");
        }
    }

    @Test
    void aLoginStormBeyondTheQueueIsRefusedFastWhileAdministratorsAndTheOwnerGetThrough() throws Exception {
        TestPrincipals.user(small, "storm.owner@example.com", "Storm", "Owner");
        long victim = TestPrincipals.user(small, "storm.victim@example.com", "Storm", "Victim");
        BreezeClient admin = small.admin();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(STORM);
        try {
            List<Callable<Attempt>> storm = new ArrayList<>();
            for (int i = 0; i < STORM; i++) {
                String login = "nobody" + i + "@example.com";
                boolean json = i % 4 == 3;
                storm.add(() -> attempt(http, json, login));
            }
            long started = System.nanoTime();
            List<Future<Attempt>> running = new ArrayList<>();
            for (Callable<Attempt> c : storm) {
                running.add(pool.submit(c));
            }
            // Meanwhile an administrator sets a password (account work, served before logins) and lists.
            String pwd = admin.call("user-update-pwd", "user-id", Long.toString(victim), "password", "Victim-Pass-77",
                    "password-verify", "Victim-Pass-77");
            assertThat(status(pwd)).as(pwd).isEqualTo("ok");
            assertThat(status(admin.call("principal-list", "filter-rows", "5"))).isEqualTo("ok");
            List<Attempt> done = new ArrayList<>();
            for (Future<Attempt> f : running) {
                done.add(f.get(30, TimeUnit.SECONDS));
            }
            long stormMillis = (System.nanoTime() - started) / 1_000_000;
            List<Attempt> busy = done.stream().filter(Attempt::busy).toList();
            List<Attempt> checked = done.stream().filter(a -> !a.busy()).toList();
            assertThat(busy).as("refused as busy, of %d", done.size()).isNotEmpty();
            assertThat(checked).as("checked").isNotEmpty();
            // A wrong login that was checked is no-data (JSON 401); a busy one is the documented answer.
            checked.forEach(a -> assertThat(a.json() ? a.status() == 401 : a.body().contains("no-data")).as(a.toString())
                    .isTrue());
            busy.stream().filter(a -> !a.json()).forEach(a -> assertSimilar(BUSY, a.body()));
            busy.stream().filter(Attempt::json).forEach(a -> {
                assertThat(a.retryAfter()).as(a.toString()).containsExactly("1");
                assertThat(a.body()).contains("\"SERVER_BUSY\"");
            });
            // Refused without hashing or waiting; nobody waits past the queue's bound (2 s) plus one hash.
            long slowestBusy = busy.stream().mapToLong(Attempt::millis).max().orElseThrow();
            long slowest = done.stream().mapToLong(Attempt::millis).max().orElseThrow();
            System.out.printf("HashWorkHttpTest storm: %d of %d refused as busy, slowest refusal %d ms, slowest attempt"
                    + " %d ms, storm %d ms%n", busy.size(), done.size(), slowestBusy, slowest, stormMillis);
            assertThat(slowestBusy).as("slowest refusal (storm took %d ms)", stormMillis).isLessThan(1500);
            assertThat(slowest).as("slowest attempt").isLessThan(5000);
        } finally {
            pool.shutdownNow();
        }
        // The refusals counted nothing: after the storm the owner and the new password log in.
        BreezeClient owner = small.client();
        owner.login("storm.owner@example.com", TestPrincipals.USER_PASSWORD);
        small.client().login("storm.victim@example.com", "Victim-Pass-77");
    }

    private Attempt attempt(HttpClient http, boolean json, String login) throws Exception {
        long t0 = System.nanoTime();
        HttpRequest req;
        if (json) {
            String body = new ObjectMapper().writeValueAsString(Map.of("login", login, "password", "Wrong-Pass-1"));
            req = HttpRequest.newBuilder(URI.create(small.baseUrl() + "/resources/auth/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        } else {
            req = HttpRequest.newBuilder(URI.create(small.baseUrl() + "/api/xml?action=login&login="
                    + BreezeClient.enc(login) + "&password=Wrong-Pass-1")).GET().build();
        }
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Attempt(json, r.statusCode(), r.body(), r.headers().allValues("Retry-After"),
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static String login(String login, String password) {
        return "<action name=\"login\"><param name=\"login\">" + login + "</param><param name=\"password\">" + password
                + "</param></action>";
    }

    /** Opens a socket, sends a batch POST, and returns the socket without reading the answer. */
    private static Socket send(String batch) throws Exception {
        byte[] body = batch.getBytes(StandardCharsets.UTF_8);
        Socket s = new Socket("127.0.0.1", server.port());
        OutputStream out = s.getOutputStream();
        out.write(("POST /api/xml?session=" + server.admin().session().orElseThrow() + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: text/xml\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return s;
    }

    private static long count(String sql) {
        return TestPrincipals.queryLong(server, sql);
    }

    /** Waits until {@code sql} counts at least one row; false after 10 s. */
    private static boolean await(String sql) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (count(sql) > 0) {
                return true;
            }
            Thread.sleep(2);
        }
        return false;
    }

    @Test
    void aBatchWhoseClientHasGoneStopsBetweenActions() throws Exception {
        StringBuilder batch = new StringBuilder("<actions mode=\"multiple\">");
        for (int i = 1; i <= 5; i++) {
            batch.append(login("gone" + i + "@example.com", "Wrong-Pass-1"));
        }
        batch.append("</actions>");
        String attempted = "SELECT COUNT(*) FROM login_attempt WHERE login_key LIKE 'gone_@example.com' AND address <> ''";
        try (Socket s = send(batch.toString())) {
            assertThat(await(attempted)).as("the batch started").isTrue();
        }
        // Time enough for all five checks (~50 ms each here) had the batch gone on.
        Thread.sleep(3000);
        assertThat(count(attempted)).as("logins checked after the client closed").isLessThan(5);
        assertThat(status(server.admin().call("common-info"))).isEqualTo("ok");
    }

    @Test
    void aTransactionalBatchWhoseClientHasGoneIsRolledBack() throws Exception {
        TestPrincipals.user(server, "gone.owner@example.com", "Gone", "Owner");
        TestPrincipals.exec(server, "DELETE FROM login_attempt");
        StringBuilder batch = new StringBuilder("<actions mode=\"transaction\">"
                + "<action name=\"principal-update\"><param name=\"type\">group</param><param name=\"has-children\">1"
                + "</param><param name=\"name\">Gone group</param></action>");
        for (int i = 1; i <= 5; i++) {
            batch.append(login("gone.owner@example.com", TestPrincipals.USER_PASSWORD));
        }
        batch.append("</actions>");
        // A login reserves its (login, address) counter before its password is checked, and a success
        // leaves it behind (at 0 failures): the first login has started.
        try (Socket s = send(batch.toString())) {
            assertThat(await("SELECT COUNT(*) FROM login_attempt WHERE login_key = 'gone.owner@example.com'"
                    + " AND address <> ''"))
                    .as("the batch started").isTrue();
        }
        Thread.sleep(3000);
        assertThat(count("SELECT COUNT(*) FROM principal WHERE name = 'Gone group'")).as("rolled back").isZero();
    }
}
