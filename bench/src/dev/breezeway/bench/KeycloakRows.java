package dev.breezeway.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes Keycloak's users by SQL, each row a copy of the rows Keycloak's own partialImport wrote for the
 * first chunk: {@link #countTables()} before that chunk, {@link #learnFrom} after it (every table's row count
 * compared, so a row kind this class does not copy stops the load instead of being left out), then
 * {@link #insert} for the rest. Only the user's id, username, email (and its uniqueness column) and names
 * differ from the template row; role mappings and the group membership are the template's. The inserts
 * ignore rows already there, so a load stopped half-way is finished by running it again.
 */
final class KeycloakRows {
    /** Tables that change for reasons other than the users: the admin token's persisted session. */
    private static final Set<String> SESSION_TABLES = Set.of("offline_user_session", "offline_client_session");
    private static final int BATCH = 1_000;

    private final Connection db;
    /** Keycloak's table names as they are spelled (Liquibase writes them in capitals), by their lower case. */
    private final Map<String, String> spelled = new LinkedHashMap<>();
    private Map<String, Long> before;
    private final Map<String, Object> userTemplate = new LinkedHashMap<>();
    private final List<String> roleIds = new ArrayList<>();
    private final Map<String, Object> membershipTemplate = new LinkedHashMap<>();

    KeycloakRows(String url) throws SQLException {
        db = DriverManager.getConnection(url, PeerDatabase.USER, PeerDatabase.PASSWORD);
    }

    void countTables() throws SQLException {
        before = counts();
    }

    /** Learns the rows of the first {@code imported} users (partialImport's) and checks that nothing else was written. */
    void learnFrom(Population.User first, String groupId, int imported) throws SQLException {
        Map<String, Long> after = counts();
        Map<String, Long> grown = new LinkedHashMap<>();
        after.forEach((table, n) -> {
            long d = n - before.getOrDefault(table, 0L);
            if (d != 0 && !SESSION_TABLES.contains(table)) {
                grown.put(table, d);
            }
        });
        Set<String> known = Set.of("user_entity", "user_role_mapping", "user_group_membership");
        if (!known.containsAll(grown.keySet()) || grown.getOrDefault("user_entity", 0L) != imported) {
            throw new IllegalStateException("keycloak: partialImport of " + imported + " users wrote " + grown
                    + "; the SQL copy knows only " + known + ": load without --db-url");
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT * FROM " + table("user_entity") + " WHERE id = ?")) {
            ps.setString(1, first.uuid().toString());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("keycloak: user " + first.uuid() + " was not imported");
                }
                ResultSetMetaData md = rs.getMetaData();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    userTemplate.put(md.getColumnName(c).toLowerCase(Locale.ROOT), rs.getObject(c));
                }
            }
        }
        String login = first.login().toLowerCase(Locale.ROOT);
        if (!login.equals(userTemplate.get("username")) || !login.equals(userTemplate.get("email"))
                || !login.equals(userTemplate.get("email_constraint"))) {
            throw new IllegalStateException("keycloak: the imported row differs from what the copy assumes: " + userTemplate);
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT role_id FROM " + table("user_role_mapping") + " WHERE user_id = ?")) {
            ps.setString(1, first.uuid().toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    roleIds.add(rs.getString(1));
                }
            }
        }
        if (grown.getOrDefault("user_role_mapping", 0L) != (long) roleIds.size() * imported) {
            throw new IllegalStateException("keycloak: users were given different roles: " + grown);
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT * FROM " + table("user_group_membership")
                + " WHERE group_id = ? LIMIT 1")) {
            ps.setString(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    ResultSetMetaData md = rs.getMetaData();
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        membershipTemplate.put(md.getColumnName(c).toLowerCase(Locale.ROOT), rs.getObject(c));
                    }
                }
            }
        }
        System.out.printf("keycloak: rows of the first %,d users: %s; user row %s; roles %s; membership %s%n",
                imported, grown, userTemplate.keySet(), roleIds, membershipTemplate);
    }

    /** Writes users {@code from} .. the last, as the template, in transactions of {@value #BATCH}. */
    void insert(Population pop, int from, boolean[] inBigGroup) throws SQLException {
        if (membershipTemplate.isEmpty()) {
            for (int i = from; i < pop.users(); i++) {
                if (inBigGroup[i]) {
                    throw new IllegalStateException("keycloak: no member of the group in the first chunk to copy");
                }
            }
        }
        db.setAutoCommit(false);
        List<String> userCols = new ArrayList<>(userTemplate.keySet());
        List<String> memberCols = new ArrayList<>(membershipTemplate.keySet());
        try (PreparedStatement users = db.prepareStatement(insertSql(table("user_entity"), userCols));
             PreparedStatement roles = db.prepareStatement("INSERT IGNORE INTO " + table("user_role_mapping")
                     + " (role_id, user_id) VALUES (?, ?)");
             PreparedStatement members = memberCols.isEmpty() ? null
                     : db.prepareStatement(insertSql(table("user_group_membership"), memberCols))) {
            for (int i = from; i < pop.users(); i++) {
                Population.User u = pop.user(i);
                String id = u.uuid().toString();
                String login = u.login().toLowerCase(Locale.ROOT);
                for (int c = 0; c < userCols.size(); c++) {
                    String col = userCols.get(c);
                    users.setObject(c + 1, switch (col) {
                        case "id" -> id;
                        case "username", "email", "email_constraint" -> login;
                        case "first_name" -> u.firstName();
                        case "last_name" -> u.lastName();
                        default -> userTemplate.get(col);
                    });
                }
                users.addBatch();
                for (String role : roleIds) {
                    roles.setString(1, role);
                    roles.setString(2, id);
                    roles.addBatch();
                }
                if (inBigGroup[i]) {
                    for (int c = 0; c < memberCols.size(); c++) {
                        String col = memberCols.get(c);
                        members.setObject(c + 1, col.equals("user_id") ? id : membershipTemplate.get(col));
                    }
                    members.addBatch();
                }
                if ((i - from + 1) % BATCH == 0 || i == pop.users() - 1) {
                    users.executeBatch();
                    roles.executeBatch();
                    if (members != null) {
                        members.executeBatch();
                    }
                    db.commit();
                }
            }
        }
        db.setAutoCommit(true);
    }

    private String table(String lower) {
        String t = spelled.get(lower);
        if (t == null) {
            throw new IllegalStateException("keycloak: no table " + lower + " in its database");
        }
        return t;
    }

    private static String insertSql(String table, List<String> cols) {
        return "INSERT IGNORE INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
                + String.join(", ", cols.stream().map(c -> "?").toList()) + ")";
    }

    private Map<String, Long> counts() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
                spelled.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(1));
            }
        }
        Map<String, Long> n = new LinkedHashMap<>();
        for (String t : tables) {
            try (ResultSet rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM `" + t + "`")) {
                rs.next();
                n.put(t.toLowerCase(Locale.ROOT), rs.getLong(1));
            }
        }
        return n;
    }
}
