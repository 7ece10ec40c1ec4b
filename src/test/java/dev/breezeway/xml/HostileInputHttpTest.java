package dev.breezeway.xml;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken requests: each gets a well-formed envelope with a precise status, HTTP 200, no trace. */
class HostileInputHttpTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("BREEZEWAY_MAX_REQUEST_BYTES", "65536", "BREEZEWAY_MAX_PARAM_CHARS", "4096"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertEnvelope(BreezeClient.Reply r) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).containsExactly("text/xml");
        assertThat(r.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><results><status ")
                .doesNotContain("Exception").doesNotContain("at dev.").doesNotContain("<html");
    }

    @Test
    void oversizedParameterIsInvalidRangeOnThatField() {
        BreezeClient.Reply r = server.client().getRaw("login", "login", "a".repeat(5000), "password", "x");
        assertEnvelope(r);
        assertSimilar("""
                <results><status code="invalid"><invalid field="login" type="string" subcode="range" min="0" max="4096"/></status></results>""",
                r.body());
    }

    @Test
    void oversizedBodyIsInvalidRangeOnRequest() {
        byte[] body = ("action=login&login=" + "a".repeat(70_000)).getBytes(StandardCharsets.UTF_8);
        BreezeClient.Reply r = server.client().post("", "application/x-www-form-urlencoded", body);
        assertEnvelope(r);
        assertSimilar("""
                <results><status code="invalid"><invalid field="request" type="long" subcode="range" min="0" max="65536"/></status></results>""",
                r.body());
    }

    @Test
    void requestLineLongerThanJettyAcceptsStillGetsAnEnvelope() {
        BreezeClient.Reply r = server.client().getQuery("action=login&login=" + "a".repeat(100_000));
        assertEnvelope(r);
        assertThat(status(r.body())).isEqualTo("invalid");
    }

    @Test
    void invalidUtf8InQueryIsInvalidFormat() {
        BreezeClient.Reply r = server.client().getQuery("action=login&login=%C3%28&password=x");
        assertEnvelope(r);
        assertSimilar("""
                <results><status code="invalid"><invalid field="login" type="string" subcode="format"/></status></results>""",
                r.body());
    }

    @Test
    void brokenPercentEscapeIsInvalidFormat() {
        String raw = server.client().rawGet("action=login&login=%zz&password=%4");
        assertThat(raw).startsWith("HTTP/1.1 200").contains("\r\nContent-Type: text/xml\r\n");
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="login" type="string" subcode="format"/>
                  <invalid field="password" type="string" subcode="format"/>
                </status></results>""", BreezeClient.bodyOf(raw));
    }

    @Test
    void invalidUtf8InFormBodyIsInvalidFormat() {
        byte[] body = {'a', 'c', 't', 'i', 'o', 'n', '=', 'l', 'o', 'g', 'i', 'n', '&', 'x', '=', (byte) 0xff, (byte) 0xfe};
        BreezeClient.Reply r = server.client().post("", "application/x-www-form-urlencoded", body);
        assertEnvelope(r);
        assertSimilar("""
                <results><status code="invalid"><invalid field="x" type="string" subcode="format"/></status></results>""",
                r.body());
    }

    @Test
    void controlCharactersThatXmlCannotCarryAreInvalidFormat() {
        BreezeClient.Reply r = server.client().getQuery("action=login&login=a%00b&password=x");
        assertEnvelope(r);
        assertSimilar("""
                <results><status code="invalid"><invalid field="login" type="string" subcode="format"/></status></results>""",
                r.body());
    }

    @Test
    void malformedParamsXmlIsInvalidFormat() {
        BreezeClient.Reply r = server.client().post("", "text/xml",
                "<params><param name=\"action\">login</param>".getBytes(StandardCharsets.UTF_8));
        assertEnvelope(r);
        assertSimilar("""
                <results><status code="invalid"><invalid field="params" type="xml" subcode="format"/></status></results>""",
                r.body());
    }

    @Test
    void invalidUtf8InXmlBodyIsInvalidFormat() {
        byte[] body = "<params><param name=\"action\">log\u0000in</param></params>".getBytes(StandardCharsets.UTF_8);
        body[30] = (byte) 0xC3;
        BreezeClient.Reply r = server.client().post("", "application/xml", body);
        assertEnvelope(r);
        assertThat(status(r.body())).isEqualTo("invalid");
    }

    @Test
    void externalEntitiesAreNeverResolved(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String body = """
                <?xml version="1.0"?>
                <!DOCTYPE params [<!ENTITY xxe SYSTEM "%s">]>
                <params><param name="action">login</param><param name="login">&xxe;</param></params>"""
                .formatted(secret.toUri());
        BreezeClient.Reply r = server.client().post("", "text/xml", body.getBytes(StandardCharsets.UTF_8));
        assertEnvelope(r);
        assertThat(r.body()).doesNotContain("TOP-SECRET-CONTENT");
        assertSimilar("""
                <results><status code="invalid"><invalid field="params" type="xml" subcode="format"/></status></results>""",
                r.body());
    }

    @Test
    void entityExpansionBombIsRefused() {
        String body = """
                <?xml version="1.0"?>
                <!DOCTYPE params [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
                <params><param name="action">common-info</param><param name="x">&d;&d;&d;&d;</param></params>""";
        BreezeClient.Reply r = server.client().post("", "text/xml", body.getBytes(StandardCharsets.UTF_8));
        assertEnvelope(r);
        assertThat(status(r.body())).isEqualTo("invalid");
    }

    @Test
    void xmlBodyWithUnknownRootIsInvalidFormat() {
        BreezeClient.Reply r = server.client().post("action=common-info", "text/xml",
                "<foo/>".getBytes(StandardCharsets.UTF_8));
        assertEnvelope(r);
        assertThat(status(r.body())).isEqualTo("invalid");
    }

    @Test
    void sqlInLoginIsJustAnUnknownLogin() throws Exception {
        BreezeClient.Reply r = server.client().getRaw("login", "login", "' OR '1'='1", "password", "' OR '1'='1");
        assertEnvelope(r);
        assertThat(status(r.body())).isEqualTo("no-data");
        try (Statement s = server.jdbc().createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM principal")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(9);
        }
    }

    @Test
    void nonNumericIdIsInvalidFormat() {
        BreezeClient admin = server.admin();
        BreezeClient.Reply r = admin.getRaw("principal-info", "principal-id", "12abc");
        assertEnvelope(r);
        assertSimilar("""
                <results><status code="invalid"><invalid field="principal-id" type="id" subcode="format"/></status></results>""",
                r.body());
    }

    @Test
    void missingIdIsInvalidMissing() {
        BreezeClient.Reply r = server.admin().getRaw("principal-info");
        assertSimilar("""
                <results><status code="invalid"><invalid field="principal-id" type="id" subcode="missing"/></status></results>""",
                r.body());
    }

    @Test
    void otherHttpMethodsStillGetAnEnvelope() {
        BreezeClient.Reply r = server.client().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.baseUrl() + "/api/xml?action=common-info")).method("PUT",
                java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEnvelope(r);
    }

    private static String headersOf(String raw) {
        return raw.substring(0, Math.max(0, raw.indexOf("\r\n\r\n"))).toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void requestLineOverTheLimitSaysConnectionCloseBeforeClosing() {
        String raw = server.client().rawHttp("GET /api/xml?action=login&login=" + "a".repeat(100_000)
                + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(headersOf(raw)).contains("connection: close");
        assertThat(status(BreezeClient.bodyOf(raw))).isEqualTo("invalid");
    }

    @Test
    void headerBlockOverTheLimitSaysConnectionCloseBeforeClosing() {
        String raw = server.client().rawHttp("GET /api/xml?action=common-info HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "b".repeat(100_000) + "\r\n\r\n");
        assertThat(headersOf(raw)).contains("connection: close");
        assertThat(status(BreezeClient.bodyOf(raw))).isEqualTo("invalid");
    }

    @Test
    void traceRunsNoActionAndIsInvalidMethodWithAllow() {
        String raw = server.client().rawHttp("TRACE /api/xml?action=common-info HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 200");
        assertThat(headersOf(raw)).contains("allow: get, post, head");
        assertSimilar("""
                <results><status code="invalid"><invalid field="method" type="string" subcode="no-such-item"/></status></results>""",
                BreezeClient.bodyOf(raw));
    }

    @Test
    void putRunsNoActionAndIsInvalidMethod() {
        BreezeClient.Reply r = server.client().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.baseUrl() + "/api/xml?action=common-info")).method("PUT",
                java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEnvelope(r);
        assertThat(r.header("Allow")).containsExactly("GET, POST, HEAD");
        assertSimilar("""
                <results><status code="invalid"><invalid field="method" type="string" subcode="no-such-item"/></status></results>""",
                r.body());
    }

    @Test
    void headAnswersTheEnvelopesHeadersWithoutABody() {
        String raw = server.client().rawHttp("HEAD /api/xml?action=common-info HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 200");
        assertThat(headersOf(raw)).contains("content-type: text/xml");
        assertThat(BreezeClient.bodyOf(raw)).isEmpty();
    }
}
