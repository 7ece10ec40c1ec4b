package dev.breezeway.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Jetty 12.1 tells a servlet about a client that closed its connection after sending the whole
 * request, and what {@link ClientLink} tells: Jetty reads nothing while the servlet runs, so its
 * endpoint stays open and no failure listener is called (measured; recorded here, not asserted, as a
 * later Jetty may notice); the link's probe sees the close, and does not take a pipelined request for one.
 */
class ClientLinkTest {
    private Server server;
    private ServerConnector connector;
    /** Per request: the link's answers and Jetty's, sampled every 50 ms for 2 s after the test says go. */
    private final BlockingQueue<String> observed = new ArrayBlockingQueue<>(4);
    private final CountDownLatch handling = new CountDownLatch(1);
    private final CountDownLatch go = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler ctx = new ServletContextHandler();
        ctx.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                req.getInputStream().readAllBytes();
                var core = ServletContextRequest.getServletContextRequest(req);
                StringBuilder failure = new StringBuilder();
                core.addFailureListener(t -> failure.append(t));
                var endPoint = core.getConnectionMetaData().getConnection().getEndPoint();
                try (ClientLink link = ClientLink.of(req)) {
                    boolean before = link.gone();
                    handling.countDown();
                    try {
                        go.await(5, TimeUnit.SECONDS);
                        boolean gone = false;
                        for (int i = 0; i < 40 && !gone; i++) {
                            Thread.sleep(50);
                            gone = link.gone();
                        }
                        observed.add("before=" + before + " gone=" + gone + " jettyOpen=" + endPoint.isOpen()
                                + " jettyFailure=" + (failure.length() > 0));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                resp.getWriter().write("done");
            }
        }), "/*");
        server.setHandler(ctx);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private Socket post(String extra) throws IOException {
        Socket s = new Socket("127.0.0.1", connector.getLocalPort());
        OutputStream out = s.getOutputStream();
        out.write(("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc" + extra)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    @Test
    void aClosedClientIsSeenAsGoneThoughJettyHasNotNoticed() throws Exception {
        try (Socket s = post("")) {
            assertThat(handling.await(5, TimeUnit.SECONDS)).isTrue();
        }
        go.countDown();
        String seen = observed.poll(10, TimeUnit.SECONDS);
        System.out.println("ClientLinkTest, client closed: " + seen);
        assertThat(seen).startsWith("before=false gone=true");
    }

    @Test
    void aConnectedClientWithAPipelinedRequestIsNotGone() throws Exception {
        try (Socket s = post("GET /y HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertThat(handling.await(5, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            String seen = observed.poll(10, TimeUnit.SECONDS);
            assertThat(seen).startsWith("before=false gone=false");
            // Both answers come: the probe consumed none of the pipelined request.
            s.setSoTimeout(5000);
            byte[] buf = new byte[8192];
            StringBuilder got = new StringBuilder();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (got.toString().split("done", -1).length < 3 && System.nanoTime() < end) {
                int n = s.getInputStream().read(buf);
                if (n < 0) {
                    break;
                }
                got.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
            assertThat(got.toString().split("done", -1).length - 1).as(got.toString()).isEqualTo(2);
        }
    }
}
