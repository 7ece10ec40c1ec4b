package dev.breezeway.log;

import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.breezeway.http.AccessLog;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The logs of a run of calls on both faces, captured from the root logger with the access log on and
 * Breezeway's own loggers at DEBUG: every line logged while serving a request carries that request's
 * id ({@code X-Request-Id}) in the MDC, every request has one access-log line with its action and
 * without its query string, and no password, session token, bearer token or client secret the run
 * used appears anywhere in the logs, start-up included.
 */
class LogsHttpTest {
    private static final String WRONG_PASSWORD = "Wrong-Pass-5150-xyz";
    private static final String BODY_PASSWORD_LOGIN = "login=" + BreezeClient.enc(TestServer.ADMIN_LOGIN)
            + "&password=" + BreezeClient.enc(TestServer.ADMIN_PASSWORD);

    private static final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private static final Map<String, String> levels = new LinkedHashMap<>();
    /** Request id → what the request was, in order. */
    private static final Map<String, String> requests = new LinkedHashMap<>();
    private static final List<String> secrets = new ArrayList<>();
    private static TestServer server;

    @BeforeAll
    static void run() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        captured.setContext(ctx);
        captured.start();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(captured);
        level(ctx, AccessLog.LOGGER, Level.INFO);
        level(ctx, "dev.breezeway", Level.DEBUG);

        server = TestServer.start(Map.of("BREEZEWAY_LOGIN_MAX_FAILURES", "2"));
        secrets.add(TestServer.ADMIN_PASSWORD);
        secrets.add(WRONG_PASSWORD);
        secrets.add("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");  // TestServer's BREEZEWAY_SECRET_KEY

        // XML: a login with the password in the query, calls with the session in the query, a login
        // with the password in a form body, a client's secret traded for a token, wrong passwords to a lock.
        BreezeClient admin = server.client();
        record(admin.getRaw("login", "login", TestServer.ADMIN_LOGIN, "password", TestServer.ADMIN_PASSWORD), "login");
        String session = admin.session().orElseThrow();
        secrets.add(session);
        record(admin.getRaw("principal-list"), "principal-list");
        BreezeClient.Reply created = admin.getRaw("client-create", "name", "logs-test-client");
        record(created, "client-create");
        String clientId = xpath(created.body(), "/results/client/@client-id");
        String clientSecret = xpath(created.body(), "/results/client/secret");
        assertThat(clientSecret).isNotBlank();
        secrets.add(clientSecret);
        BreezeClient.Reply token = server.client().getRaw("client-token", "client-id", clientId,
                "client-secret", clientSecret);
        record(token, "client-token");
        secrets.add(xpath(token.body(), "/results/client-token"));
        record(server.client().post("action=login", "application/x-www-form-urlencoded",
                BODY_PASSWORD_LOGIN.getBytes(StandardCharsets.UTF_8)), "login");
        record(server.client().getRaw("no-such-action", "password", WRONG_PASSWORD), "unknown");
        for (int i = 0; i < 3; i++) {
            record(server.client().getRaw("login", "login", "nobody@example.com", "password", WRONG_PASSWORD), "login");
        }

        // JSON: a login with the password in the body, a call with the bearer token.
        BreezeClient raw = server.client();
        BreezeClient.Reply login = raw.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/resources/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":" + JsonClient.q(TestServer.ADMIN_LOGIN)
                        + ",\"password\":" + JsonClient.q(TestServer.ADMIN_PASSWORD) + "}")));
        record(login, "POST /resources/auth/login");
        String bearer = readToken(login.body());
        secrets.add(bearer);
        record(raw.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/resources/me"))
                .header("Authorization", "Bearer " + bearer).GET()), "GET /resources/me");
        record(raw.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).GET()), "GET /metrics");
        server.close();
        server = null;
    }

    @AfterAll
    static void restore() {
        if (server != null) {
            server.close();
        }
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(captured);
        levels.forEach((name, level) -> ctx.getLogger(name).setLevel(level == null ? null : Level.toLevel(level)));
    }

    @Test
    void everyLineOfARequestCarriesItsId() {
        List<ILoggingEvent> onRequests = events().stream()
                .filter(e -> e.getThreadName().startsWith("breezeway-http"))
                .filter(e -> e.getLoggerName().startsWith("dev.breezeway") || e.getLoggerName().equals(AccessLog.LOGGER))
                .toList();
        // At least the DEBUG line of each action and route, the lock's line and an access line per request.
        assertThat(onRequests.size()).isGreaterThanOrEqualTo(2 * requests.size());
        for (ILoggingEvent e : onRequests) {
            assertThat(e.getMDCPropertyMap().get("requestId")).as(e.toString()).isIn(requests.keySet());
        }
        assertThat(onRequests).anySatisfy(e -> assertThat(e.getFormattedMessage()).startsWith("Login lock started"));
    }

    @Test
    void everyRequestHasOneAccessLineWithItsActionAndNoQuery() {
        List<String> access = events().stream().filter(e -> e.getLoggerName().equals(AccessLog.LOGGER))
                .map(ILoggingEvent::getFormattedMessage).toList();
        requests.forEach((id, what) -> {
            List<String> lines = access.stream().filter(l -> l.endsWith(" id=" + id)).toList();
            assertThat(lines).as("access lines of %s (%s) in %s", id, what, access).hasSize(1);
            String line = lines.get(0);
            if (what.contains("/")) {
                assertThat(line).contains("\"" + what + "\"").contains("action=- ").contains("status=200");
            } else {
                assertThat(line).contains("/api/xml\"").contains(" action=" + what + " ").contains("status=200");
            }
            assertThat(line).doesNotContain("?").doesNotContain("session=").doesNotContain("password");
        });
    }

    @Test
    void noSecretIsLoggedAnywhere() {
        List<ILoggingEvent> all = events();
        assertThat(all.size()).isGreaterThan(requests.size());
        for (ILoggingEvent e : all) {
            String text = e.getFormattedMessage() + " " + e.getMDCPropertyMap()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            for (String secret : secrets) {
                assertThat(text).as("a log line shows a secret").doesNotContain(secret);
            }
        }
    }

    private static String readToken(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("token").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ILoggingEvent> events() {
        synchronized (captured) {
            return List.copyOf(captured.list);
        }
    }

    private static void record(BreezeClient.Reply reply, String what) {
        assertThat(reply.status()).isEqualTo(200);
        List<String> ids = reply.header("x-request-id");
        assertThat(ids).as("X-Request-Id of %s", what).hasSize(1);
        requests.put(ids.get(0), what);
    }

    private static void level(LoggerContext ctx, String name, Level level) {
        Logger logger = ctx.getLogger(name);
        levels.put(name, logger.getLevel() == null ? null : logger.getLevel().toString());
        logger.setLevel(level);
    }
}
