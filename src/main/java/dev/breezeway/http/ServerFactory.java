package dev.breezeway.http;

import dev.breezeway.App;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Builds the embedded Jetty server (HTTP/1.1 only) that serves an {@link App}; port 0 picks a free port. */
public final class ServerFactory {
    public static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;

    private ServerFactory() {
    }

    /** The server of {@code app}, with the default stop timeout; not started. */
    public static Server newServer(App app, String host, int port) {
        Server server = newServer(host, port, java.time.Duration.ofSeconds(30));
        mount(server, app);
        return server;
    }

    /**
     * A server with its connector but no application yet, so that it can be started — the port bound, every
     * request answered 503 by its {@link StartupGate} — before anything else starts. Its stop is graceful: the
     * connector stops accepting, requests in flight may run for up to {@code stopTimeout}, new
     * requests on open connections are answered 503.
     */
    public static Server newServer(String host, int port, java.time.Duration stopTimeout) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("breezeway-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setStopTimeout(stopTimeout.toMillis());
        server.setStopAtShutdown(false);
        server.setHandler(new StartupGate());
        return server;
    }

    /** Mounts the application's servlets behind a {@link GracefulHandler}, before or after the start. */
    public static void mount(Server server, App app) {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        app.servlets().forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
        server.setErrorHandler(new JettyErrorHandler(app.xmlWriter(), MAX_REQUEST_HEADER_BYTES));
        GracefulHandler graceful = new GracefulHandler(context);
        if (server.isStarted()) {  // a handler added to a running server is not started for it
            graceful.setServer(server);
            try {
                graceful.start();
            } catch (Exception e) {
                throw new IllegalStateException("the servlet context did not start: " + e.getMessage(), e);
            }
        }
        ((StartupGate) server.getHandler()).setHandler(graceful);
    }

    /** The server's (only) connector. */
    public static ServerConnector connector(Server server) {
        return (ServerConnector) server.getConnectors()[0];
    }

    /** The port the server's first connector listens on. */
    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
