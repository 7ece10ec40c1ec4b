package dev.breezeway.xml;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The four ways clients send parameters, merged in order, with + and %20 both meaning space. */
class TransportHttpTest {
    private static final String LOGIN = "login=" + BreezeClient.enc(TestServer.ADMIN_LOGIN) + "&password="
            + BreezeClient.enc(TestServer.ADMIN_PASSWORD);
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
    void getWithQueryString() {
        BreezeClient.Reply r = server.client().getQuery("action=login&" + LOGIN);
        assertThat(status(r.body())).isEqualTo("ok");
    }

    @Test
    void formEncodedPost() {
        BreezeClient.Reply r = server.client().post("", "application/x-www-form-urlencoded",
                ("action=login&" + LOGIN).getBytes(StandardCharsets.UTF_8));
        assertThat(status(r.body())).isEqualTo("ok");
        assertThat(r.header("set-cookie")).hasSize(1);
    }

    @Test
    void postWithEmptyBodyAndEverythingInTheQuery() {
        BreezeClient.Reply r = server.client().post("action=login&" + LOGIN, "application/x-www-form-urlencoded", new byte[0]);
        assertThat(status(r.body())).isEqualTo("ok");
    }

    @Test
    void formBodyMergesWithQueryParameters() {
        BreezeClient.Reply r = server.client().post("action=login", "application/x-www-form-urlencoded",
                LOGIN.getBytes(StandardCharsets.UTF_8));
        assertThat(status(r.body())).isEqualTo("ok");
    }

    @Test
    void xmlParamsDocumentAsTextXml() {
        String body = """
                <?xml version="1.0" encoding="UTF-8"?>
                <params>
                  <param name="action">login</param>
                  <param name="login">%s</param>
                  <param name="password"><![CDATA[%s]]></param>
                </params>""".formatted(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        BreezeClient.Reply r = server.client().post("", "text/xml", body.getBytes(StandardCharsets.UTF_8));
        assertThat(status(r.body())).isEqualTo("ok");
        assertThat(r.header("set-cookie")).hasSize(1);
    }

    @Test
    void xmlParamsDocumentAsApplicationXmlWithSessionInTheQuery() {
        BreezeClient admin = server.admin();
        String body = "<params><param name=\"action\">common-info</param></params>";
        BreezeClient.Reply r = server.client().post("session=" + admin.session().orElseThrow(), "application/xml",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(xpath(r.body(), "/results/common/user/login")).isEqualTo(TestServer.ADMIN_LOGIN);
    }

    @Test
    void actionInQueryAndParametersInXmlBody() {
        String body = "<params><param name=\"login\">" + TestServer.ADMIN_LOGIN + "</param><param name=\"password\">"
                + TestServer.ADMIN_PASSWORD + "</param></params>";
        BreezeClient.Reply r = server.client().post("action=login", "text/xml; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(status(r.body())).isEqualTo("ok");
    }

    @Test
    void repeatedParametersKeepTheirOrderQueryFirst() throws Exception {
        var reader = new RequestReader(1 << 20, 1 << 16);
        var parsed = reader.read(java.util.Optional.of("a=1&b=x&a=2"), java.util.Optional.of("application/x-www-form-urlencoded"),
                new java.io.ByteArrayInputStream("a=3&a=4".getBytes(StandardCharsets.UTF_8)));
        assertThat(parsed.params().all("a")).containsExactly("1", "2", "3", "4");
    }

    @Test
    void plusAndPercent20BothMeanSpaceAndPercent40IsAt() throws Exception {
        var reader = new RequestReader(1 << 20, 1 << 16);
        var parsed = reader.read(java.util.Optional.of("d=conformance+group&e=conformance%20group&l=a%40b.com"),
                java.util.Optional.empty(), new java.io.ByteArrayInputStream(new byte[0]));
        assertThat(parsed.params().first("d")).contains("conformance group");
        assertThat(parsed.params().first("e")).contains("conformance group");
        assertThat(parsed.params().first("l")).contains("a@b.com");
    }

    @Test
    void repeatedXmlParamsActLikeRepeatedQueryParameters() throws Exception {
        var reader = new RequestReader(1 << 20, 1 << 16);
        var parsed = reader.read(java.util.Optional.of("p=0"), java.util.Optional.of("application/xml"),
                new java.io.ByteArrayInputStream("<params><param name=\"p\">1</param><param name=\"p\">2</param></params>"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(parsed.params().all("p")).containsExactly("0", "1", "2");
    }

    @Test
    void sessionParameterIsFoundWhereverItStandsAmongSortedKeys() {
        BreezeClient admin = server.admin();
        String token = admin.session().orElseThrow();
        BreezeClient.Reply r = server.client().getQuery("action=common-info&aaa=1&session=" + token + "&zzz=2");
        assertThat(xpath(r.body(), "/results/common/user/login")).isEqualTo(TestServer.ADMIN_LOGIN);
    }

    @Test
    void accesskeyIsAcceptedAndIgnored() {
        BreezeClient.Reply r = server.client().getQuery("action=login&accesskey=abc&" + LOGIN);
        assertThat(status(r.body())).isEqualTo("ok");
    }
}
