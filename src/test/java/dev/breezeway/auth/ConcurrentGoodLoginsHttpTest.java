package dev.breezeway.auth;

import static dev.breezeway.support.Xml.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Logins with the right password never lock anyone, however many run at once from one address: an LMS or
 * a script logs its users in from one server, and the benchmark's 16 connections from 127.0.0.1 were
 * answered {@code user-suspended} once 20 reservations were in flight (an attempt in flight counted as a
 * failure against the address's limit, and against the login's when one account logged in in parallel).
 * With the default limits (5 per login and address, 20 per address). Attempts beyond a scope's limit in
 * flight wait their turn ({@code LoginThrottle.CROWD_WAIT}), which is what makes them all succeed.
 */
class ConcurrentGoodLoginsHttpTest {
    private static final int USERS = 32;
    private static TestServer server;

    @BeforeAll
    static void start() {
        // The hash queue's own bound (a busy answer past BREEZEWAY_HASH_WAIT_MILLIS) is HashWorkHttpTest's
        // subject; here a slow shared machine must not turn into busy answers.
        server = TestServer.start(Map.of("BREEZEWAY_LOGIN_MAX_FAILURES", "5",
                "BREEZEWAY_LOGIN_MAX_FAILURES_PER_ADDRESS", "20", "BREEZEWAY_LOGIN_MAX_FAILURES_PER_LOGIN", "100",
                "BREEZEWAY_HASH_WAIT_MILLIS", "30000"));
        Directory dir = new Directory(server);
        for (int u = 0; u < USERS; u++) {
            dir.user("crowd-" + u + "@example.com", "Crowd", "User" + u);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Runs {@code rounds} logins on each of {@code threads} threads started together; counts the answers. */
    private static Map<String, AtomicInteger> storm(int threads, int rounds, IntFunction<String> loginOf) throws Exception {
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < rounds; i++) {
                    String body = server.client().loginFrom("127.0.0.9", loginOf.apply(thread), Directory.USER_PASSWORD);
                    answers.computeIfAbsent(status(body), k -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return answers;
    }

    @Test
    void thirtyTwoUsersLoggingInAtOnceFromOneAddressAllGetIn() throws Exception {
        Map<String, AtomicInteger> answers = storm(USERS, 4, t -> "crowd-" + t + "@example.com");
        assertThat(answers.keySet()).as(answers.toString()).containsExactly("ok");
        assertThat(answers.get("ok").get()).isEqualTo(USERS * 4);
    }

    @Test
    void oneAccountLoggingInOnTwelveWorkersAtOnceAlwaysGetsIn() throws Exception {
        Map<String, AtomicInteger> answers = storm(12, 4, t -> "crowd-0@example.com");
        assertThat(answers.keySet()).as(answers.toString()).containsExactly("ok");
        assertThat(answers.get("ok").get()).isEqualTo(48);
    }
}
