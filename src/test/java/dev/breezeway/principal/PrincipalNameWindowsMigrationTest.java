package dev.breezeway.principal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * V010 on a database that already holds principals and their V008 trigrams: the backfill leaves exactly
 * the windows the stores write (PrincipalNgrams), so a name indexed before the upgrade and one written
 * after it are found alike.
 */
class PrincipalNameWindowsMigrationTest {
    private static final List<String> NAMES = List.of("Quentin Kowalczyk", "Zoë Émile", "Emoji 😀 Fan",
            "Anananas Nananana", "Ab", "Abc", "Abcd", "tin  x  y", "100% Sure", "Marguerite Oyelaran-Smith",
            "ÉMILE émile", "a b c d e", "   ");

    @Test
    void backfilledWindowsAreExactlyTheWindowsTheStoresWrite() throws SQLException {
        TestDatabase tdb = TestDatabase.get();
        String url = tdb.newDatabase();
        migrate(url, tdb, "9");
        Map<Long, String> names = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, tdb.user(), tdb.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO account (account_id, name) VALUES (1, 'migration')");
            }
            long id = 5_000_000;
            for (String name : NAMES) {
                insertWithTrigrams(c, ++id, name);
                names.put(id, name);
            }
        }

        migrate(url, tdb, "latest");

        try (Connection c = DriverManager.getConnection(url, tdb.user(), tdb.password())) {
            List<String> backfilled = rows(c);
            DSLContext dsl = DSL.using(c, SQLDialect.MARIADB);
            names.forEach((id, name) -> PrincipalNgrams.indexNew(dsl, id, name));
            assertThat(rows(c)).as("the backfill holds every window").containsExactlyElementsOf(backfilled);
            assertThat(count(c, "SELECT COUNT(*) FROM principal_ngram WHERE CHAR_LENGTH(ngram) = 5")).isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM principal_ngram WHERE principal_id = 5000001"))
                    .isEqualTo(PrincipalNgrams.of("Quentin Kowalczyk").size());
            PrincipalNgrams.unindex(dsl, names);
            assertThat(rows(c)).as("and no window the stores would not write").isEmpty();
        }
    }

    private static void migrate(String url, TestDatabase tdb, String target) {
        Flyway.configure().dataSource(url, tdb.user(), tdb.password()).locations("classpath:db/migration")
                .target(target).load().migrate();
    }

    /** A principal as V009 left it: the row and its trigrams, as V008's stores wrote them. */
    private static void insertWithTrigrams(Connection c, long id, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO principal (principal_id, uuid, account_id, type, name)"
                + " VALUES (?, UNHEX(REPLACE(UUID(), '-', '')), 1, 'user', ?)");
             PreparedStatement g = c.prepareStatement("INSERT IGNORE INTO principal_ngram (ngram, principal_id) VALUES (?, ?)")) {
            p.setLong(1, id);
            p.setString(2, name);
            p.executeUpdate();
            int[] cp = name.codePoints().toArray();
            for (int i = 0; i + 3 <= cp.length; i++) {
                g.setString(1, new String(cp, i, 3));
                g.setLong(2, id);
                g.executeUpdate();
            }
        }
    }

    /** Every index row, byte for byte, in key order. */
    private static List<String> rows(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT principal_id, HEX(ngram) FROM principal_ngram ORDER BY principal_id, ngram")) {
            while (rs.next()) {
                out.add(rs.getLong(1) + ":" + rs.getString(2));
            }
        }
        return out;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
