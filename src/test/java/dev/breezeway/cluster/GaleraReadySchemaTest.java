package dev.breezeway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Galera needs of the schema, on the schema as migrated: every table InnoDB (Galera replicates nothing else)
 * with a primary key (rows without one replicate slowly and can diverge). Triggers are allowed: with row-based
 * replication their effects travel in the write set and appliers do not fire them again.
 */
class GaleraReadySchemaTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> names(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = server.jdbc(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void everyTableIsInnoDbWithAPrimaryKey() throws Exception {
        List<String> tables = names("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND table_type = 'BASE TABLE'");
        assertThat(tables).contains("principal", "auth_session", "sso_provider", "audit_event");
        assertThat(names("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND table_type = 'BASE TABLE' AND engine <> 'InnoDB'")).isEmpty();
        assertThat(names("SELECT t.table_name FROM information_schema.tables t WHERE t.table_schema = DATABASE()"
                + " AND t.table_type = 'BASE TABLE' AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints c"
                + " WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name"
                + " AND c.constraint_type = 'PRIMARY KEY')")).isEmpty();
    }
}
