package dev.breezeway.http;

import dev.breezeway.App;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Builds the embedded Jetty server (HTTP/1.1 only) that serves an {@link App}; port 0 picks a free port.
 * Every request gets an id ({@link RequestIds}) and an access-log line ({@link AccessLog}); the thread
 * pool and connectors report to the app's metrics. With {@code BREEZEWAY_METRICS_PORT}, {@code /metrics}
 * is served on a second connector of its own (same host) and nowhere else, and that connector serves
 * nothing else: each context answers only on its connector (Jetty's {@code @connector} virtual hosts).
 */
public final class ServerFactory {
    public static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;
    private static final String HTTP_CONNECTOR = "http";
    private static final String METRICS_CONNECTOR = "metrics";

    private ServerFactory() {
    }

    /** The server of {@code app}, with its configured stop timeout and metrics port; not started. */
    public static Server newServer(App app, String host, int port) {
        Server server = newServer(host, port, app.config().stopTimeout(), app.config().metricsPort());
        mount(server, app);
        return server;
    }

    /** As {@link #newServer(String, int, Duration, OptionalInt)} without a metrics port of its own. */
    public static Server newServer(String host, int port, Duration stopTimeout) {
        return newServer(host, port, stopTimeout, OptionalInt.empty());
    }

    /**
     * A server with its connectors but no application yet, so that it can be started — the port bound, every
     * request answered 503 by its {@link StartupGate} — before anything else starts. Its stop is graceful: the
     * connector stops accepting, requests in flight may run for up to {@code stopTimeout}, new
     * requests on open connections are answered 503.
     */
    public static Server newServer(String host, int port, Duration stopTimeout, OptionalInt metricsPort) {
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
        connector.setName(HTTP_CONNECTOR);
        server.addConnector(connector);
        metricsPort.ifPresent(p -> {
            ServerConnector metrics = new ServerConnector(server, new HttpConnectionFactory(http));
            metrics.setHost(host);
            metrics.setPort(p);
            metrics.setName(METRICS_CONNECTOR);
            server.addConnector(metrics);
        });
        server.setRequestLog(new AccessLog());
        server.setStopTimeout(stopTimeout.toMillis());
        server.setStopAtShutdown(false);
        server.setHandler(new StartupGate());
        return server;
    }

    /** Mounts the application's servlets behind a {@link GracefulHandler}, before or after the start. */
    public static void mount(Server server, App app) {
        ServletContextHandler context = context();
        app.servlets().forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
        Handler handler = context;
        if (hasMetricsConnector(server)) {
            ServletContextHandler metricsContext = context();
            metricsContext.addServlet(new ServletHolder(app.metricsServlet()), "/metrics");
            context.setVirtualHosts(List.of("@" + HTTP_CONNECTOR));
            metricsContext.setVirtualHosts(List.of("@" + METRICS_CONNECTOR));
            handler = new ContextHandlerCollection(context, metricsContext);
        }
        server.setErrorHandler(new JettyErrorHandler(app.xmlWriter(), MAX_REQUEST_HEADER_BYTES));
        // Jetty's thread pool (jetty_threads_*: busy, idle, jobs) and connections (jetty_connections_*, bytes).
        new JettyServerThreadPoolMetrics(server.getThreadPool(), List.of()).bindTo(app.metrics().registry());
        JettyConnectionMetrics.addToAllConnectors(server, app.metrics().registry());
        GracefulHandler graceful = new GracefulHandler(handler);
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

    private static ServletContextHandler context() {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new RequestIds()), "/*", EnumSet.of(DispatcherType.REQUEST));
        return context;
    }

    private static boolean hasMetricsConnector(Server server) {
        return java.util.Arrays.stream(server.getConnectors()).anyMatch(c -> METRICS_CONNECTOR.equals(c.getName()));
    }

    /** The port {@code /metrics} has to itself ({@code BREEZEWAY_METRICS_PORT}), once the server has started. */
    public static OptionalInt metricsPort(Server server) {
        return java.util.Arrays.stream(server.getConnectors())
                .filter(c -> METRICS_CONNECTOR.equals(c.getName()))
                .mapToInt(c -> ((ServerConnector) c).getLocalPort()).filter(p -> p > 0).findFirst();
    }

    /** The server's application connector. */
    public static ServerConnector connector(Server server) {
        return (ServerConnector) server.getConnectors()[0];
    }

    /** The port the server's first connector listens on. */
    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
