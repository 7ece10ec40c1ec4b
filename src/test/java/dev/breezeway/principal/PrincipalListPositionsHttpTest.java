package dev.breezeway.principal;

import static dev.breezeway.support.Xml.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmlunit.builder.Input;
import org.xmlunit.xpath.JAXPXPathEngine;

/**
 * Deep pages of the plain principal list (filter-start past a block of 4,096 ids) jump through the
 * sealed block counts of principal_block: they hold exactly the rows an OFFSET over the listed
 * principals gives (live, no API client's), before and after deletes, soft deletes, re-inserts,
 * inserts into sealed blocks and API-client principals, whoever writes.
 */
class PrincipalListPositionsHttpTest {
    private static final int USERS = 20_000;
    private static final int DENSE = 16_000;
    private static TestServer server;
    private static BreezeClient admin;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        admin = server.admin();
        // The first 16,000 with consecutive ids, so whole blocks have no holes (one of them past the rows
        // the other tests delete); the rest with the ids AUTO_INCREMENT hands a bulk insert, which leaves gaps.
        long next = query("SELECT MAX(principal_id) + 1 FROM principal");
        try (Connection c = server.jdbc();
             PreparedStatement dense = c.prepareStatement("INSERT INTO principal (principal_id, uuid, account_id, type,"
                     + " login, name) VALUES (?, UNHEX(REPLACE(UUID(),'-','')), 1, 'user', ?, ?)");
             PreparedStatement ps = c.prepareStatement(
                "INSERT INTO principal (uuid, account_id, type, login, name) VALUES (UNHEX(REPLACE(UUID(),'-','')),"
                        + " 1, 'user', ?, ?)")) {
            for (int i = 0; i < DENSE; i++) {
                dense.setLong(1, next + i);
                dense.setString(2, "pos" + i + "@positions.example");
                dense.setString(3, "Position " + i);
                dense.addBatch();
            }
            dense.executeBatch();
            for (int i = DENSE; i < USERS; i++) {
                ps.setString(1, "pos" + i + "@positions.example");
                ps.setString(2, "Position " + i);
                ps.addBatch();
                if (i % 2000 == 1999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        // The first deep page counts past every (unsealed) block and has them sealed in the background.
        assertThat(page(10_000)).isEqualTo(truth(10_000));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (sealedBlocks() < newestBlock() - 1) {
            assertThat(System.nanoTime()).as("blocks sealed within a minute").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> page(long start) {
        String xml = admin.call("principal-list", "filter-rows", "50", "filter-start", String.valueOf(start),
                "sort-principal-id", "asc");
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        List<String> out = new ArrayList<>();
        new JAXPXPathEngine().selectNodes("/results/principal-list/principal/@principal-id", Input.fromString(xml).build())
                .forEach(n -> out.add(n.getNodeValue()));
        return out;
    }

    /** What the plain list shows: live principals that are no API client's. */
    private static final String LISTED = "account_id = 1 AND deleted_at IS NULL AND type <> 'api-client'";

    /** The same page by a plain OFFSET over the table. */
    private static List<String> truth(long start) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = server.jdbc(); PreparedStatement ps = c.prepareStatement("SELECT principal_id FROM principal"
                + " WHERE " + LISTED + " ORDER BY principal_id LIMIT 50 OFFSET ?")) {
            ps.setLong(1, start);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static long query(String sql) throws SQLException {
        return query(sql, 1);
    }

    private static long query(String sql, int column) throws SQLException {
        try (Connection c = server.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(column);
        }
    }

    private static void exec(String sql) throws SQLException {
        try (Connection c = server.jdbc(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long sealedBlocks() throws SQLException {
        return query("SELECT COUNT(*) FROM principal_block WHERE account_id = 1");
    }

    private static long newestBlock() throws SQLException {
        return query("SELECT MAX(principal_id) DIV 4096 FROM principal");
    }

    private static long live() throws SQLException {
        return query("SELECT COUNT(*) FROM principal WHERE " + LISTED);
    }

    private static long nthId(long n) throws SQLException {
        return query("SELECT principal_id FROM principal WHERE " + LISTED + " ORDER BY principal_id LIMIT 1 OFFSET " + n);
    }

    private static void assertEveryDeepPageMatchesTheTable() throws SQLException {
        long total = live();
        for (long start : List.of(4096L, 4097L, 5_000L, 8_191L, 8_192L, 10_000L, 15_000L, total - 50, total - 3,
                total, total + 10)) {
            assertThat(page(start)).as("filter-start=%d", start).isEqualTo(truth(start));
        }
    }

    private static void assertBlockCountsAreExact() throws SQLException {
        Map<Long, Long> stored = new LinkedHashMap<>();
        Map<Long, Long> actual = new LinkedHashMap<>();
        try (Connection c = server.jdbc(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT block, live FROM principal_block WHERE account_id = 1 AND live > 0"
                    + " ORDER BY block")) {
                while (rs.next()) {
                    stored.put(rs.getLong(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT principal_id DIV 4096, COUNT(*) FROM principal WHERE " + LISTED
                    + " AND principal_id DIV 4096 <= (SELECT MAX(block) FROM principal_block) GROUP BY 1 ORDER BY 1")) {
                while (rs.next()) {
                    actual.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        assertThat(stored).isNotEmpty().isEqualTo(actual);
    }

    @Test
    void deepPagesHoldTheRowsOfAnOffsetOverTheTable() throws SQLException {
        assertBlockCountsAreExact();
        assertEveryDeepPageMatchesTheTable();
    }

    @Test
    void aDeepPageInsideABlockWithoutHolesCountsNoRowsBeforeItsOwn() throws SQLException {
        long block = query("SELECT COALESCE(MAX(block), -1) FROM principal_block WHERE account_id = 1 AND live = 4096");
        assertThat(block).as("a sealed block of 4,096 listed principals").isGreaterThanOrEqualTo(0);
        long start = query("SELECT SUM(live) FROM principal_block WHERE account_id = 1 AND block < " + block) + 3_000;
        List<String> expected = truth(start);
        assertThat(page(start)).isEqualTo(expected);
        long before = query("SHOW GLOBAL STATUS LIKE 'Handler_read_next'", 2);
        List<String> again = page(start);
        long read = query("SHOW GLOBAL STATUS LIKE 'Handler_read_next'", 2) - before;
        assertThat(again).isEqualTo(expected);
        // The page's own 50 rows and the block counts; counting into the block would read 3,000 rows more.
        assertThat(read).isLessThan(1_000);
    }

    @Test
    void deletesSoftDeletesInsertsAndApiClientsInSealedBlocksKeepDeepPagesExact() throws SQLException {
        long a = nthId(5_000);
        long b = nthId(6_000);
        long c = nthId(9_000);
        assertThat(status(admin.call("principals-delete", "principal-id", String.valueOf(a)))).isEqualTo("ok");
        assertThat(status(admin.call("user-remove", "principal-id", String.valueOf(b)))).isEqualTo("ok");
        exec("UPDATE principal SET deleted_at = UTC_TIMESTAMP(6) WHERE principal_id = " + c);
        exec("DELETE FROM principal WHERE principal_id = " + (c + 1));
        assertBlockCountsAreExact();
        assertEveryDeepPageMatchesTheTable();

        // API clients' principals are never listed, whatever their block.
        long d = nthId(7_000);
        exec("UPDATE principal SET type = 'api-client' WHERE principal_id = " + d);
        exec("INSERT INTO principal (principal_id, uuid, account_id, type, name) VALUES (" + (c + 1)
                + ", UNHEX(REPLACE(UUID(),'-','')), 1, 'api-client', 'Client Principal')");
        assertBlockCountsAreExact();
        assertEveryDeepPageMatchesTheTable();

        exec("UPDATE principal SET type = 'user' WHERE principal_id = " + d);
        exec("UPDATE principal SET deleted_at = NULL WHERE principal_id = " + c);
        exec("INSERT INTO principal (principal_id, uuid, account_id, type, login, name) VALUES (" + a
                + ", UNHEX(REPLACE(UUID(),'-','')), 1, 'user', 'back@positions.example', 'Back Again')");
        assertBlockCountsAreExact();
        assertEveryDeepPageMatchesTheTable();
    }
}
