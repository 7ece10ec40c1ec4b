package dev.breezeway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Liveness ({@code /healthz/live}) follows the process; readiness ({@code /healthz/ready}) the database and a stop. */
class HealthChecksHttpTest {

    private static BreezeClient.Reply get(TestServer server, String path) {
        return server.client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)));
    }

    @Test
    void readinessFollowsTheDatabaseAndTheDrainWhileLivenessStays200() {
        try (TestServer server = TestServer.start()) {
            assertThat(get(server, "/healthz/live").status()).isEqualTo(200);
            assertThat(get(server, "/healthz/live").body()).isEqualTo("live\n");
            assertThat(get(server, "/healthz/ready").status()).isEqualTo(200);
            assertThat(get(server, "/healthz/ready").body()).isEqualTo("ready\n");
            assertThat(get(server, "/healthz").body()).isEqualTo("ok\n");

            server.app().startDraining();
            BreezeClient.Reply draining = get(server, "/healthz/ready");
            assertThat(draining.status()).isEqualTo(503);
            assertThat(draining.body()).isEqualTo("draining\n");
            assertThat(draining.header("cache-control")).containsExactly("no-store");
            assertThat(get(server, "/healthz/live").status()).isEqualTo(200);
            assertThat(get(server, "/healthz").status()).isEqualTo(200);  // as before: the database only

            server.app().database().close();
            assertThat(get(server, "/healthz").status()).isEqualTo(503);
            assertThat(get(server, "/healthz/live").status()).isEqualTo(200);
        }
    }
}
