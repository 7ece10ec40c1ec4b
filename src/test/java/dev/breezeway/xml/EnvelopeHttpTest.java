package dev.breezeway.xml;

import static dev.breezeway.support.Xml.assertSimilar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestServer;
import java.net.Socket;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The envelope every /api/xml answer shares: HTTP 200, bare text/xml, the declaration, status first. */
class EnvelopeHttpTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unknownActionIsInvalidOnFieldAction() {
        BreezeClient.Reply r = server.client().getRaw("no-such-action");
        assertThat(r.status()).isEqualTo(200);
        assertSimilar("""
                <results><status code="invalid"><invalid field="action" type="enum" subcode="no-such-item"/></status></results>""",
                r.body());
    }

    @Test
    void missingActionIsInvalidMissing() {
        BreezeClient.Reply r = server.client().getQuery("login=x");
        assertThat(r.status()).isEqualTo(200);
        assertSimilar("""
                <results><status code="invalid"><invalid field="action" type="enum" subcode="missing"/></status></results>""",
                r.body());
    }

    @Test
    void emptyActionIsInvalidMissing() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="action" type="enum" subcode="missing"/></status></results>""",
                server.client().getQuery("action=").body());
    }

    @Test
    void contentTypeIsExactlyTextXmlWithHeaderNameInThatCase() throws Exception {
        String head = server.client().rawHttp("GET /api/xml?action=common-info HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 200");
        assertThat(head).contains("\r\nContent-Type: text/xml\r\n");
    }

    @Test
    void bodyStartsWithUtf8DeclarationAndStatusIsFirstChild() {
        String body = server.client().getRaw("common-info").body();
        assertThat(body).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><results><status code=\"ok\"/>");
    }

    @Test
    void errorsAreAlsoHttp200TextXml() {
        BreezeClient.Reply r = server.client().getRaw("principal-info", "principal-id", "1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).containsExactly("text/xml");
    }
}
