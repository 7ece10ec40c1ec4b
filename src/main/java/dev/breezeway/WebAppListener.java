package dev.breezeway;

import dev.breezeway.config.AppConfig;
import dev.breezeway.config.ConfigException;
import dev.breezeway.http.RequestIds;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The WAR's entry point (declared in WEB-INF/web.xml): configures from the environment, or from the
 * properties file named by the context parameter {@code breezeway.config} (set in
 * {@code jetty-base/webapps/breezeway.xml}), and mounts the same servlets as the embedded server.
 * The WAR carries no embedded MariaDB, so {@code BREEZEWAY_DB_URL} is required.
 */
public final class WebAppListener implements ServletContextListener {
    private App app;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext ctx = event.getServletContext();
        Optional<Path> file = Optional.ofNullable(ctx.getInitParameter("breezeway.config"))
                .filter(s -> !s.isBlank()).map(Path::of).filter(p -> p.toFile().isFile());
        AppConfig config = AppConfig.fromSources(System.getenv(), file);
        if (config.dbUrl().isEmpty()) {
            throw new ConfigException(List.of(AppConfig.DB_URL
                    + " is required when Breezeway runs as a WAR (the embedded MariaDB is not in the WAR)"));
        }
        app = App.start(config);
        ctx.addFilter("requestIds", new RequestIds())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        app.servlets().forEach((path, servlet) -> ctx.addServlet(path.isEmpty() ? "root" : path, servlet).addMapping(path));
        ctx.log("Breezeway started");
    }

    /**
     * Closes everything the application started (housekeeping, the pool) while the webapp's class loader
     * is still open: Jetty closes it right after this returns. The WAR registers no JVM shutdown hook (it
     * has no embedded MariaDB), so nothing of it runs later. The JDBC drivers this webapp registered are
     * deregistered too, so that a redeploy leaves no driver of the old class loader behind.
     */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        try {
            if (app != null) {
                app.close();
                app = null;
            }
        } finally {
            deregisterDrivers(event.getServletContext());
        }
    }

    private static void deregisterDrivers(ServletContext ctx) {
        ClassLoader webapp = WebAppListener.class.getClassLoader();
        for (Driver d : Collections.list(DriverManager.getDrivers())) {
            if (d.getClass().getClassLoader() == webapp) {
                try {
                    DriverManager.deregisterDriver(d);
                } catch (SQLException | SecurityException e) {
                    ctx.log("Could not deregister the JDBC driver " + d.getClass().getName() + ": " + e);
                }
            }
        }
    }
}
