package dev.breezeway;

import dev.breezeway.config.AppConfig;
import dev.breezeway.config.ConfigException;
import dev.breezeway.http.RequestIds;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.nio.file.Path;
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
        app.servlets().forEach((path, servlet) -> ctx.addServlet(path, servlet).addMapping(path));
        ctx.log("Breezeway started");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (app != null) {
            app.close();
        }
    }
}
