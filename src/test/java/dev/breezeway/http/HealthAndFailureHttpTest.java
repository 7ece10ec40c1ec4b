package dev.breezeway.http;

import static dev.breezeway.support.Xml.assertSimilar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** /healthz follows the database, and our own failures are internal-error envelopes without traces. */
class HealthAndFailureHttpTest {

    @Test
    void healthzIs200WhileTheDatabaseAnswersAnd503After() {
        try (TestServer server = TestServer.start()) {
            BreezeClient.Reply up = server.client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/healthz")));
            assertThat(up.status()).isEqualTo(200);
            assertThat(up.body()).isEqualTo("ok\n");

            server.app().database().close();

            BreezeClient.Reply down = server.client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/healthz")));
            assertThat(down.status()).isEqualTo(503);
        }
    }

    @Test
    void databaseFailureIsInternalErrorEnvelopeWithRequestIdAndNoTrace() {
        try (TestServer server = TestServer.start()) {
            server.app().database().close();

            BreezeClient.Reply r = server.client().getRaw("login", "login", TestServer.ADMIN_LOGIN,
                    "password", TestServer.ADMIN_PASSWORD);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("content-type")).containsExactly("text/xml");
            assertSimilar("<results><status code=\"internal-error\"/></results>", r.body());
            assertThat(r.header("x-request-id")).singleElement().asString().matches("[0-9a-f]+");
        }
    }
}
