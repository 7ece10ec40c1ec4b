package dev.breezeway.http;

import dev.breezeway.App;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Builds the embedded Jetty server (HTTP/1.1 only) that serves an {@link App}; port 0 picks a free port.
 * Every request gets an id ({@link RequestIds}) and an access-log line ({@link AccessLog}); the thread
 * pool and connectors report to the app's metrics.
 */
public final class ServerFactory {
    public static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;

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
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new RequestIds()), "/*", EnumSet.of(DispatcherType.REQUEST));
        app.servlets().forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
        server.setHandler(context);
        server.setErrorHandler(new JettyErrorHandler(app.xmlWriter(), MAX_REQUEST_HEADER_BYTES));
        server.setRequestLog(new AccessLog());
        app.metrics().bindJetty(server, threads);
        server.setStopAtShutdown(false);
        return server;
    }

    /** The port the server's first connector listens on. */
    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
