package dev.breezeway;

import dev.breezeway.config.AppConfig;
import dev.breezeway.config.ConfigException;
import dev.breezeway.http.ServerFactory;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar target/breezeway.jar}: the embedded Jetty server, configured from the environment. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        AppConfig config;
        try {
            config = AppConfig.fromSources(System.getenv(), java.util.Optional.empty());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        App app;
        try {
            app = App.start(config);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Server server = ServerFactory.newServer(app, config.httpHost(), config.httpPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                log.warn("Jetty did not stop cleanly: {}", e.toString());
            }
            app.close();
        }, "breezeway-shutdown"));
        String host = "0.0.0.0".equals(config.httpHost()) ? "localhost" : config.httpHost();
        log.info("Breezeway listening on http://{}:{}", host, ServerFactory.port(server));
        server.join();
    }
}
