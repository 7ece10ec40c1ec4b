package dev.breezeway.http;

import static dev.breezeway.support.Xml.assertSimilar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestServer;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What Jetty answers on its own — a path no servlet serves, a method a servlet does not take, a request
 * line it cannot parse — is the documented shape of the face asked: the Breeze envelope under
 * {@code /api/xml} (and for requests too broken to have a path), the JSON error everywhere else. Never an
 * HTML page, an empty 501 or an {@code internal-error} for the client's own mistake.
 */
class ProtocolErrorsHttpTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String headersOf(String raw) {
        return raw.substring(0, Math.max(0, raw.indexOf("\r\n\r\n"))).toLowerCase(Locale.ROOT);
    }

    private static String get(String target) {
        return server.client().rawHttp("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    @Test
    void aPathOutsideTheAppIsAJson404() {
        for (String path : new String[] {"/nope", "/index.html", "/api", "/WEB-INF/web.xml"}) {
            String raw = get(path);
            assertThat(raw).as(path).startsWith("HTTP/1.1 404");
            assertThat(headersOf(raw)).as(path).contains("content-type: application/json");
            assertThat(BreezeClient.bodyOf(raw)).as(path)
                    .isEqualTo("{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"No such resource\"}}");
        }
    }

    @Test
    void aMethodTheHealthCheckDoesNotTakeIsAJson405() {
        String raw = server.client().rawHttp("DELETE /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 405");
        assertThat(headersOf(raw)).contains("content-type: application/json");
        assertThat(BreezeClient.bodyOf(raw)).isEqualTo(
                "{\"error\":{\"code\":\"METHOD_NOT_ALLOWED\",\"message\":\"Method not allowed on this resource\"}}");
    }

    @Test
    void aMethodNoServletKnowsIsAJson405NotAnEmpty501() {
        for (String target : new String[] {"/nowhere", "/healthz", "/WEB-INF/web.xml"}) {
            String raw = server.client().rawHttp("PATCH " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertThat(raw).as(target).startsWith("HTTP/1.1 405");
            assertThat(BreezeClient.bodyOf(raw)).as(target).isEqualTo(
                    "{\"error\":{\"code\":\"METHOD_NOT_ALLOWED\",\"message\":\"Method not allowed on this resource\"}}");
        }
    }

    @Test
    void aJson404KeepsTheConnectionOpen() {
        String raw = server.client().rawHttp("GET /nope HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /api/xml?action=common-info HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 404");
        assertThat(raw.indexOf("HTTP/1.1 200", 1)).as("the second request on the connection is answered").isPositive();
        assertThat(raw).contains("<status code=\"ok\"/>");
    }

    /** Request lines Jetty cannot parse: a raw LF in the query, no HTTP version, an unknown one. */
    @ParameterizedTest
    @ValueSource(strings = {
        "GET /api/xml?action=common-info&x=a\nb HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET /api/xml?action=common-info\r\n\r\n",
        "GET /api/xml?action=common-info HTTP/7.3\r\nHost: localhost\r\n\r\n"})
    void anUnparsableRequestLineIsAnInvalidRequestNotAnInternalError(String request) {
        String raw = server.client().rawHttp(request);
        assertThat(raw).startsWith("HTTP/1.1 200");
        assertThat(headersOf(raw)).contains("content-type: text/xml").contains("connection: close");
        assertSimilar("""
                <results><status code="invalid"><invalid field="request" type="string" subcode="format"/></status></results>""",
                BreezeClient.bodyOf(raw));
    }

    @Test
    void headOfAPathOutsideTheAppHasNoBody() {
        String raw = server.client().rawHttp("HEAD /nope HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 404");
        assertThat(BreezeClient.bodyOf(raw)).isEmpty();
    }
}
