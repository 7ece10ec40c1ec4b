package dev.breezeway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breezeway.support.BreezeClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** Between binding the port and mounting the application the server answers, and a taken port fails at once. */
class StartupGateHttpTest {

    @Test
    void beforeTheApplicationIsMountedEveryRequestIs503StartingButLiveness() throws Exception {
        Server server = ServerFactory.newServer("127.0.0.1", 0, Duration.ofSeconds(5));
        server.start();
        try {
            String base = "http://127.0.0.1:" + ServerFactory.port(server);
            BreezeClient c = new BreezeClient(base);
            BreezeClient.Reply ready = c.send(HttpRequest.newBuilder(URI.create(base + "/healthz/ready")));
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).isEqualTo("starting\n");
            assertThat(ready.header("retry-after")).containsExactly("5");
            assertThat(c.send(HttpRequest.newBuilder(URI.create(base + "/api/xml?action=common-info"))).status())
                    .isEqualTo(503);
            BreezeClient.Reply live = c.send(HttpRequest.newBuilder(URI.create(base + "/healthz/live")));
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.body()).isEqualTo("live\n");
        } finally {
            server.stop();
        }
    }

    @Test
    void aTakenPortFailsTheStartBeforeAnythingElse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Server server = ServerFactory.newServer("127.0.0.1", taken.getLocalPort(), Duration.ofSeconds(5));
            try {
                assertThatThrownBy(server::start).hasRootCauseInstanceOf(java.net.BindException.class);
            } finally {
                server.stop();
            }
        }
    }
}
