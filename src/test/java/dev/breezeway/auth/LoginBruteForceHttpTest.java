package dev.breezeway.auth;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Brute-force protection of {@code login} and {@code user-accounts} (issue 17). */
class LoginBruteForceHttpTest {
    private static final String SUSPENDED = """
            <results><status code="invalid" subcode="user-suspended"><param value="15"/></status></results>""";
    private static TestServer server;
    private static Directory dir;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("BREEZEWAY_LOGIN_MAX_FAILURES", "5", "BREEZEWAY_LOGIN_LOCK_MINUTES", "15"));
        dir = new Directory(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String transactionalBatch(String action, String login, String password) {
        String body = "<actions mode=\"atomic\"><action name=\"" + action + "\"><param name=\"login\">" + login
                + "</param><param name=\"password\">" + password + "</param></action></actions>";
        return server.client().post("", "text/xml", body.getBytes(StandardCharsets.UTF_8)).body();
    }

    @Test
    void wrongLoginsInsideTransactionalBatchesAreCountedAndLockTheLogin() {
        dir.user("batch-guess@example.com", "B", "G");
        for (int i = 0; i < 8; i++) {
            transactionalBatch("login", "batch-guess@example.com", "Wrong-" + i + "-Pass");
        }
        assertSimilar(SUSPENDED, server.client().call("login", "login", "batch-guess@example.com",
                "password", Directory.USER_PASSWORD));
    }

    @Test
    void wrongUserAccountsInsideTransactionalBatchesAreCountedAndLockTheLogin() {
        dir.user("batch-accounts@example.com", "B", "A");
        for (int i = 0; i < 8; i++) {
            transactionalBatch("user-accounts", "batch-accounts@example.com", "Wrong-" + i + "-Pass");
        }
        assertSimilar(SUSPENDED, server.client().call("user-accounts", "login", "batch-accounts@example.com",
                "password", Directory.USER_PASSWORD));
    }

    @Test
    void concurrentGuessesVerifyNoMorePasswordsThanTheLimitAllowsAndTheLoginStaysLocked() throws Exception {
        dir.user("storm@example.com", "S", "T");
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String guess = "Wrong-" + i + "-Pass";
            calls.add(() -> status(server.client().call("login", "login", "storm@example.com", "password", guess)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        List<String> answers = new ArrayList<>();
        try {
            for (Future<String> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        // Each no-data answer is one verified password; the rest were refused, reserved past the limit.
        assertThat(answers.stream().filter(s -> s.equals("no-data")).count()).isLessThanOrEqualTo(5);
        // The race the issue reproduced: the right password right after the storm must find the login locked.
        assertThat(status(server.client().call("login", "login", "storm@example.com", "password",
                Directory.USER_PASSWORD))).isEqualTo("invalid");
    }

    @Test
    void aBatchWithMorePasswordChecksThanAllowedIsRefusedBeforeAnyRuns() {
        dir.user("batch-flood@example.com", "B", "F");
        StringBuilder body = new StringBuilder("<actions mode=\"multiple\">");
        for (int i = 0; i < 6; i++) {
            String action = i % 2 == 0 ? "login" : "user-accounts";
            body.append("<action name=\"").append(action).append("\"><param name=\"login\">batch-flood@example.com</param>")
                    .append("<param name=\"password\">Wrong-").append(i).append("-Pass</param></action>");
        }
        body.append("</actions>");
        String reply = server.client().post("", "text/xml", body.toString().getBytes(StandardCharsets.UTF_8)).body();
        assertSimilar("""
                <results><status code="invalid"><invalid field="login" type="long" subcode="range" min="0" max="5"/></status></results>""",
                reply);
        // Nothing ran: no failure was counted, so the right password still logs in.
        assertThat(status(server.client().call("login", "login", "batch-flood@example.com", "password", Directory.USER_PASSWORD)))
                .isEqualTo("ok");
    }
}
