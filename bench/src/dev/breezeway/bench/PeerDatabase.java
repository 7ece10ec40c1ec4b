package dev.breezeway.bench;

import dev.breezeway.db.EmbeddedMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A private MariaDB for a peer server: the same embedded MariaDB (and settings) Breezeway starts, in a
 * directory of its own, with one empty utf8mb4 database. Writes its JDBC URL to {@code --url-file} once
 * ready and runs until the JVM is stopped, e.g.
 * {@code java … PeerDatabase --dir target/peers/keycloak-db --database keycloak --url-file db.url}.
 */
public final class PeerDatabase {
    /** The account the peer uses (bench/peers/keycloak.sh passes the same to Keycloak). */
    static final String USER = "peer";
    static final String PASSWORD = "bench";

    private PeerDatabase() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(BenchEnv.arg(args, "dir", "BENCH_PEER_DB_DIR", "target/peers/db"));
        String database = BenchEnv.arg(args, "database", "BENCH_PEER_DB_NAME", "peer");
        Path urlFile = Path.of(BenchEnv.arg(args, "url-file", "BENCH_PEER_DB_URL_FILE", dir.resolve("url").toString()));
        if (!database.matches("[a-z_]+")) {
            throw new IllegalArgumentException("database name must be [a-z_]+");
        }
        // The same buffer pool as the bench's Breezeway database (run.sh exports it to both).
        int bufferPoolMb = Integer.parseInt(BenchEnv.arg(args, "buffer-pool-mb", "BREEZEWAY_DB_BUFFER_POOL_MB",
                Integer.toString(EmbeddedMariaDb.DEFAULT_BUFFER_POOL_MB)));
        EmbeddedMariaDb db = EmbeddedMariaDb.start(dir, false, bufferPoolMb);
        Runtime.getRuntime().addShutdownHook(new Thread(db::close, "peer-db-shutdown"));
        // The embedded root has a password of its own (kept in the data directory); the peer connects as
        // USER/PASSWORD, which may do anything in its database and nothing else.
        try (Connection c = DriverManager.getConnection(db.serverUrl(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            for (String host : new String[] {"127.0.0.1", "localhost"}) {
                s.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'");
                s.execute("GRANT ALL PRIVILEGES ON " + database + ".* TO '" + USER + "'@'" + host + "'");
            }
        }
        Path tmp = urlFile.resolveSibling(urlFile.getFileName() + ".tmp");
        Files.writeString(tmp, db.jdbcUrl(database) + "\n");
        Files.move(tmp, urlFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("peer database: " + db.jdbcUrl(database) + " (pid " + ProcessHandle.current().pid() + ")");
        Thread.currentThread().join();
    }
}
