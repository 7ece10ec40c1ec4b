package dev.breezeway.bench;

import dev.breezeway.config.AppConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The settings every bench tool shares: the server's own {@code BREEZEWAY_*} environment, with bench
 * defaults where it is silent (embedded MariaDB in {@code target/bench-data}, administrator
 * {@code bench}), and {@code BENCH_OUT} (default {@code target/bench}) for the manifest and word lists.
 */
final class BenchEnv {
    static final String DEFAULT_DATA_DIR = "target/bench-data";
    static final String DEFAULT_ADMIN_LOGIN = "bench";
    static final String DEFAULT_ADMIN_PASSWORD = "Bench-Admin-Pass-1";

    private BenchEnv() {
    }

    /** The server configuration for the bench: environment first, then the bench defaults. */
    static AppConfig appConfig(int port) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putIfAbsent(AppConfig.DATA_DIR, DEFAULT_DATA_DIR);
        env.putIfAbsent(AppConfig.ADMIN_LOGIN, DEFAULT_ADMIN_LOGIN);
        env.putIfAbsent(AppConfig.ADMIN_PASSWORD, DEFAULT_ADMIN_PASSWORD);
        env.putIfAbsent(AppConfig.HTTP_HOST, "127.0.0.1");
        env.put(AppConfig.HTTP_PORT, Integer.toString(port));
        return AppConfig.fromSources(env, java.util.Optional.empty());
    }

    /** Which database the data lives in, so a manifest is never taken for another database's. */
    static String databaseIdentity(AppConfig config) {
        return config.dbUrl().orElseGet(() -> "embedded:" + config.dataDir().toAbsolutePath().normalize());
    }

    static Path outDir() {
        return Path.of(System.getenv().getOrDefault("BENCH_OUT", "target/bench"));
    }

    static Properties readProperties(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    static void writeProperties(Path file, Properties p, String comment) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, comment);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code --name value} from the command line, else the environment variable, else the default. */
    static String arg(String[] args, String name, String envName, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return System.getenv().getOrDefault(envName, fallback);
    }
}
