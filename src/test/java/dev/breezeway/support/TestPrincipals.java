package dev.breezeway.support;

import dev.breezeway.auth.PasswordHasher;
import dev.breezeway.principal.PrincipalNgrams;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Inserts principals straight into a test server's database (principal-update is not part of this
 * branch), e.g. a plain user {@code TestPrincipals.user(server, "ada@example.com")} who can log in
 * with {@link #USER_PASSWORD}.
 */
public final class TestPrincipals {
    public static final String USER_PASSWORD = "User-Pass-5150";
    private static final String HASH = new PasswordHasher().hash(USER_PASSWORD);

    private TestPrincipals() {
    }

    /** A user in the first account, not an administrator; returns its principal id. */
    public static long user(TestServer server, String login, String firstName, String lastName) {
        return insert(server, "user", login, null, firstName + " " + lastName, firstName, lastName, login, null, HASH);
    }

    /** A created group in the first account; returns its principal id. */
    public static long group(TestServer server, String name, String description) {
        return insert(server, "group", null, name, name, null, null, null, description, null);
    }

    /** The id of the first (bootstrap) account. */
    public static long accountId(TestServer server) {
        return queryLong(server, "SELECT MIN(account_id) FROM account");
    }

    /** A single number from the test database, e.g. a count. */
    public static long queryLong(TestServer server, String sql, Object... args) {
        try (Connection c = server.jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement on the test database, e.g. to clear a table between tests. */
    public static void exec(TestServer server, String sql) {
        try (Connection c = server.jdbc(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long insert(TestServer server, String type, String login, String groupName, String name,
                               String firstName, String lastName, String email, String description, String hash) {
        UUID u = UUID.randomUUID();
        byte[] uuid = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                .array();
        String sql = "INSERT INTO principal (uuid, account_id, type, login, group_name, name, first_name, last_name,"
                + " email, description, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = server.jdbc();
             PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setBytes(1, uuid);
            ps.setLong(2, accountId(server));
            ps.setString(3, type);
            ps.setString(4, login);
            ps.setString(5, groupName);
            ps.setString(6, name);
            ps.setString(7, firstName);
            ps.setString(8, lastName);
            ps.setString(9, email);
            ps.setString(10, description);
            ps.setString(11, hash);
            ps.executeUpdate();
            long id;
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                id = rs.getLong(1);
            }
            // The substring index of names, as the stores keep it (PrincipalNgrams), so filter-like-name finds the row.
            try (PreparedStatement ng = c.prepareStatement(
                    "INSERT IGNORE INTO principal_ngram (ngram, principal_id) VALUES (?, ?)")) {
                for (String g : PrincipalNgrams.of(name)) {
                    ng.setString(1, g);
                    ng.setLong(2, id);
                    ng.addBatch();
                }
                ng.executeBatch();
            }
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
