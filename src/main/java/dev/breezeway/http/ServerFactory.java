package dev.breezeway.http;

import dev.breezeway.App;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
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

    public static Server newServer(App app, String host, int port) {
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

        ServletContextHandler context = context();
        app.servlets().forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
        if (app.config().metricsPort().isPresent()) {
            ServerConnector metrics = new ServerConnector(server, new HttpConnectionFactory(http));
            metrics.setHost(host);
            metrics.setPort(app.config().metricsPort().getAsInt());
            metrics.setName(METRICS_CONNECTOR);
            server.addConnector(metrics);
            ServletContextHandler metricsContext = context();
            metricsContext.addServlet(new ServletHolder(app.metricsServlet()), "/metrics");
            context.setVirtualHosts(List.of("@" + HTTP_CONNECTOR));
            metricsContext.setVirtualHosts(List.of("@" + METRICS_CONNECTOR));
            server.setHandler(new ContextHandlerCollection(context, metricsContext));
        } else {
            server.setHandler(context);
        }
        server.setErrorHandler(new JettyErrorHandler(app.xmlWriter(), MAX_REQUEST_HEADER_BYTES));
        server.setRequestLog(new AccessLog());
        // Jetty's thread pool (jetty_threads_*: busy, idle, jobs) and connections (jetty_connections_*, bytes).
        new JettyServerThreadPoolMetrics(threads, List.of()).bindTo(app.metrics().registry());
        JettyConnectionMetrics.addToAllConnectors(server, app.metrics().registry());
        server.setStopAtShutdown(false);
        return server;
    }

    private static ServletContextHandler context() {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new RequestIds()), "/*", EnumSet.of(DispatcherType.REQUEST));
        return context;
    }

    /** The port {@code /metrics} has to itself ({@code BREEZEWAY_METRICS_PORT}), if any. */
    public static java.util.OptionalInt metricsPort(Server server) {
        return java.util.Arrays.stream(server.getConnectors())
                .filter(c -> METRICS_CONNECTOR.equals(c.getName()))
                .mapToInt(c -> ((ServerConnector) c).getLocalPort()).findFirst();
    }

    /** The port the server's first connector listens on. */
    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
