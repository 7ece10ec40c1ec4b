package dev.breezeway.auth;

import static dev.breezeway.support.Xml.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile run found it: wrong guesses, successes and other logins racing over the same counters
 * deadlocked in InnoDB and the loser answered {@code internal-error}. Every attempt of a storm gets a
 * documented answer: {@code ok}, {@code no-data} (wrong password) or {@code user-suspended}.
 */
class LoginThrottleConcurrencyHttpTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("BREEZEWAY_LOGIN_MAX_FAILURES", "1000"));
        Directory dir = new Directory(server);
        for (int u = 0; u < 4; u++) {
            dir.user("storm-" + u + "@example.com", "Storm", "User" + u);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aStormOfGuessesAndSuccessesFromSeveralAddressesGetsOnlyDocumentedAnswers() throws Exception {
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 30; i++) {
                    String from = "127.0.0." + (2 + (thread + i) % 5);
                    String login = "storm-" + ((thread + i) % 4) + "@example.com";
                    String password = i % 4 == 0 ? Directory.USER_PASSWORD : "Wrong-Guess-" + i;
                    String body = server.client().loginFrom(from, login, password);
                    answers.computeIfAbsent(status(body), k -> new AtomicInteger()).incrementAndGet();
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(answers.keySet()).as(answers.toString()).isSubsetOf("ok", "no-data", "invalid");
        assertThat(answers.get("ok").get()).isPositive();
    }
}
