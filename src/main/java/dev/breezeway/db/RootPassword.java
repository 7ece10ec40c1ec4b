package dev.breezeway.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded server's root password: generated on the first start of a data directory (or of one
 * from a version that ran MariaDB with {@code --skip-grant-tables}), kept in
 * {@code <data dir>/mariadb-root.password} readable by its owner only, and used for every connection.
 */
final class RootPassword {
    static final String FILE = "mariadb-root.password";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private RootPassword() {
    }

    static Path file(Path root) {
        return root.resolve(FILE);
    }

    /** The stored password, if the data directory has one. */
    static java.util.Optional<String> read(Path root) throws IOException {
        Path f = file(root);
        return Files.exists(f) ? java.util.Optional.of(Files.readString(f).strip()) : java.util.Optional.empty();
    }

    static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /**
     * On a server started without grant tables at {@code serverUrl}: loads them, gives root (on localhost
     * and 127.0.0.1) a new password and stores it, owner-only, in the data directory.
     */
    static String set(Path root, String serverUrl) throws IOException, SQLException {
        String password = generate();
        Path next = root.resolve(FILE + ".new");
        Files.deleteIfExists(next);
        Files.createFile(next);
        try {
            Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        Files.writeString(next, password);
        try (Connection c = DriverManager.getConnection(serverUrl, "root", ""); Statement s = c.createStatement()) {
            s.execute("FLUSH PRIVILEGES");  // grant tables from now on
            s.execute("ALTER USER 'root'@'localhost' IDENTIFIED BY '" + password + "'");
            s.execute("CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
            s.execute("ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
            s.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION");
        }
        Files.move(next, file(root), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }
}
