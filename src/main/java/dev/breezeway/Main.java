package dev.breezeway;

import dev.breezeway.config.AppConfig;
import dev.breezeway.config.ConfigException;
import java.util.Optional;

/**
 * {@code java -jar target/breezeway.jar [command]}: without a command the embedded Jetty server
 * ({@link Launcher}); with one, a command of {@link Cli} ({@code --help} lists them). Exit codes: 0 done,
 * 1 failed, 2 bad configuration or usage, 3 the port cannot be bound, 4 the database cannot be reached.
 */
public final class Main {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_CONFIG = 2;
    public static final int EXIT_PORT = 3;
    public static final int EXIT_DATABASE = 4;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(Cli.run(args));
            return;
        }
        AppConfig config;
        try {
            config = AppConfig.fromSources(System.getenv(), Optional.empty());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        }
        int code = Launcher.serve(config);
        System.exit(code);
    }
}
