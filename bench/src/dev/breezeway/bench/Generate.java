package dev.breezeway.bench;

import dev.breezeway.App;
import dev.breezeway.auth.PasswordHasher;
import dev.breezeway.config.AppConfig;
import dev.breezeway.principal.PrincipalNgrams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Fills a Breezeway database with the {@link Population} for {@code (n, seed)}: users (all with one
 * precomputed Argon2id hash of {@link Population#USER_PASSWORD}), groups of varied size including one
 * of exactly 5,000 members, nested groups, two custom fields with values, and live sessions. Uses
 * multi-row INSERTs with foreign-key and unique checks off for the load.
 *
 * <p>Run: {@code bench/generate.sh --n 1000000 --seed 42}. The database is the one the server would
 * use: {@code BREEZEWAY_DB_URL} if set, else the embedded MariaDB in {@code BREEZEWAY_DATA_DIR}
 * (default {@code target/bench-data}). A second run with the same n and seed finds the data in place
 * and only removes what earlier runs created on top of it; another n or seed replaces the previous
 * bench data. A database holding principals
 * the bench did not make is refused.
 */
public final class Generate {
    static final String FIELD_EMPLOYEE_ID = "Bench Employee ID";
    static final String FIELD_DEPARTMENT = "Bench Department";
    private static final LocalDateTime EPOCH = LocalDateTime.of(2023, 1, 1, 0, 0);
    private static final long SPREAD_SECONDS = 3L * 365 * 24 * 3600;

    private Generate() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(BenchEnv.arg(args, "n", "BENCH_N", "1000000").replace("_", ""));
        long seed = Long.parseLong(BenchEnv.arg(args, "seed", "BENCH_SEED", "42"));
        boolean force = Arrays.asList(args).contains("--force");
        AppConfig config = BenchEnv.appConfig(0);
        Population pop = new Population(n, seed);
        Path manifestFile = BenchEnv.outDir().resolve("manifest.properties");
        long started = System.nanoTime();
        try (App app = App.start(config)) {
            Properties manifest = app.database().dsl().connectionResult(c -> {
                try {
                    return generate(c, config, pop, manifestFile, force);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            BenchEnv.writeProperties(manifestFile, manifest, "bench data (bench/generate.sh); read by bench/run.sh");
            writeLines(BenchEnv.outDir().resolve("terms.txt"), List.of(pop.searchTerms(500)));
            writeLines(BenchEnv.outDir().resolve("uuids.txt"), pop.sampleUuids(10_000));
            writeLines(BenchEnv.outDir().resolve("ids.txt"), pop.sampleIds(10_000));
        }
        System.out.printf("generate: done in %.1f s; manifest %s%n", (System.nanoTime() - started) / 1e9, manifestFile);
    }

    private static Properties generate(Connection c, AppConfig config, Population pop, Path manifestFile, boolean force)
            throws Exception {
        String identity = BenchEnv.databaseIdentity(config);
        long accountId = longValue(c, "SELECT MIN(account_id) FROM account");
        List<Long> keep = longs(c, "SELECT principal_id FROM principal WHERE is_primary OR login = ?", config.adminLogin());
        String keepList = keep.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("0");
        long foreign = longValue(c, "SELECT COUNT(*) FROM principal WHERE principal_id NOT IN (" + keepList + ")"
                + " AND NOT (login LIKE '%@bench.example' OR group_name LIKE 'bench-%')");
        if (foreign > 0) {
            throw new IllegalStateException("generate: the database " + identity + " holds " + foreign
                    + " principals the bench did not make; point BREEZEWAY_DB_URL or BREEZEWAY_DATA_DIR at a bench database");
        }
        Properties old = BenchEnv.readProperties(manifestFile);
        long expected = pop.users() + pop.groups();
        long present = longValue(c, "SELECT COUNT(*) FROM principal WHERE principal_id >= ? AND principal_id < ?",
                Population.FIRST_ID, pop.endId());
        if (!force && identity.equals(old.getProperty("db")) && String.valueOf(pop.users()).equals(old.getProperty("n"))
                && String.valueOf(pop.seed()).equals(old.getProperty("seed")) && present == expected) {
            System.out.printf("generate: %,d users and %,d groups from seed %d are already in %s%n", pop.users(),
                    pop.groups(), pop.seed(), identity);
            trim(c, pop);
            return old;
        }

        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0");
        }
        reset(c, keepList);
        PasswordHasher hasher = new PasswordHasher();
        String hash = hasher.hash(Population.USER_PASSWORD);
        if (!hasher.verify(Population.USER_PASSWORD, hash)) {
            throw new IllegalStateException("the precomputed hash does not verify");
        }
        try (PreparedStatement ps = c.prepareStatement("SET @bench_hash = ?")) {
            ps.setString(1, hash);
            ps.execute();
        }

        long t = System.nanoTime();
        try (BatchInsert users = new BatchInsert(c, "INSERT INTO principal (principal_id, uuid, account_id, type, login,"
                + " name, first_name, last_name, email, password_hash, created_at, updated_at) VALUES ",
                "(?,?,?,'user',?,?,?,?,?,@bench_hash,?,?)", 1000)) {
            for (int i = 0; i < pop.users(); i++) {
                Population.User u = pop.user(i);
                LocalDateTime created = createdAt(i, pop.users());
                users.add(u.principalId(), Population.bytes(u.uuid()), accountId, u.login(), u.name(), u.firstName(),
                        u.lastName(), u.login(), created, created);
            }
        }
        report("users", pop.users(), t);

        // The substring index of names (principal_ngram, V008 and V010: windows of 3 to 5 characters), as
        // PrincipalNgrams keeps it for the server.
        t = System.nanoTime();
        long grams = 0;
        try (BatchInsert ngrams = new BatchInsert(c, "INSERT IGNORE INTO principal_ngram (ngram, principal_id) VALUES ",
                "(?,?)", 5000)) {
            for (int i = 0; i < pop.users(); i++) {
                Population.User u = pop.user(i);
                for (String g : PrincipalNgrams.of(u.name())) {
                    ngrams.add(g, u.principalId());
                    grams++;
                }
            }
            for (int g = 0; g < pop.groups(); g++) {
                Population.Group gr = pop.group(g);
                for (String gram : PrincipalNgrams.of(gr.name())) {
                    ngrams.add(gram, gr.principalId());
                    grams++;
                }
            }
        }
        report("name windows", grams, t);

        t = System.nanoTime();
        long memberships = 0;
        try (BatchInsert groups = new BatchInsert(c, "INSERT INTO principal (principal_id, uuid, account_id, type,"
                + " group_name, name, description, created_at, updated_at) VALUES ", "(?,?,?,'group',?,?,?,?,?)", 1000);
             BatchInsert members = new BatchInsert(c, "INSERT INTO group_member (group_id, member_id, added_at) VALUES ",
                     "(?,?,?)", 5000)) {
            for (int g = 0; g < pop.groups(); g++) {
                Population.Group gr = pop.group(g);
                LocalDateTime created = EPOCH.plusSeconds(g * 3600L);
                groups.add(gr.principalId(), Population.bytes(gr.uuid()), accountId, gr.name(), gr.name(),
                        "Generated group of " + gr.members().length + " users", created, created);
                for (int m : gr.members()) {
                    members.add(gr.principalId(), pop.userId(m), created);
                }
                for (int child : gr.childGroups()) {
                    members.add(gr.principalId(), pop.groupId(child), created);
                }
                memberships += gr.members().length + gr.childGroups().length;
            }
        }
        report("groups", pop.groups(), t);
        report("memberships", memberships, t);

        t = System.nanoTime();
        long employeeField = insertField(c, accountId, FIELD_EMPLOYEE_ID, 1);
        long departmentField = insertField(c, accountId, FIELD_DEPARTMENT, 2);
        long values = 0;
        try (BatchInsert v = new BatchInsert(c, "INSERT INTO acl_field_value (acl_id, field_id, field_value, updated_at)"
                + " VALUES ", "(?,?,?,?)", 5000)) {
            for (int i = 0; i < pop.users(); i++) {
                LocalDateTime created = createdAt(i, pop.users());
                v.add(pop.userId(i), employeeField, pop.employeeId(i), created);
                values++;
                String dept = pop.department(i);
                if (dept != null) {
                    v.add(pop.userId(i), departmentField, dept, created);
                    values++;
                }
            }
        }
        report("custom-field values", values, t);

        t = System.nanoTime();
        long sessions = 0;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (BatchInsert s = new BatchInsert(c, "INSERT INTO auth_session (token_hash, principal_id, account_id, kind,"
                + " user_agent, created_at, last_seen_at) VALUES ",
                "(?,?,?,'password','bench',UTC_TIMESTAMP(6) - INTERVAL ? SECOND,UTC_TIMESTAMP(6) - INTERVAL ? SECOND)",
                2000)) {
            for (int i = 0; i < pop.users(); i++) {
                if (pop.hasSession(i)) {
                    byte[] h = sha.digest(pop.sessionToken(i).getBytes(StandardCharsets.UTF_8));
                    int ago = (i * 7919) % 1200;
                    s.add(h, pop.userId(i), accountId, ago + 60, ago);
                    sessions++;
                }
            }
        }
        report("sessions", sessions, t);

        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION foreign_key_checks = 1, unique_checks = 1");
            c.commit();
            c.setAutoCommit(true);
            t = System.nanoTime();
            s.execute("ANALYZE TABLE principal, principal_ngram, group_member, acl_field_value, auth_session");
            report("analyze", 5, t);
        }

        Properties m = new Properties();
        m.setProperty("db", identity);
        m.setProperty("n", String.valueOf(pop.users()));
        m.setProperty("seed", String.valueOf(pop.seed()));
        m.setProperty("account_id", String.valueOf(accountId));
        m.setProperty("first_user_id", String.valueOf(pop.userId(0)));
        m.setProperty("last_user_id", String.valueOf(pop.userId(pop.users() - 1)));
        m.setProperty("groups", String.valueOf(pop.groups()));
        m.setProperty("big_group_id", String.valueOf(pop.groupId(0)));
        m.setProperty("big_group_size", String.valueOf(pop.group(0).members().length));
        m.setProperty("memberships", String.valueOf(memberships));
        m.setProperty("field_employee_id", String.valueOf(employeeField));
        m.setProperty("field_department", String.valueOf(departmentField));
        m.setProperty("field_values", String.valueOf(values));
        m.setProperty("sessions", String.valueOf(sessions));
        m.setProperty("principals_total", String.valueOf(longValue(c, "SELECT COUNT(*) FROM principal")));
        m.setProperty("user_password", Population.USER_PASSWORD);
        m.setProperty("admin_login", config.adminLogin());
        return m;
    }

    /** Removes every principal but the bootstrap ones, and all the bench's sessions, values and fields. */
    private static void reset(Connection c, String keepList) throws SQLException {
        long t = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE bench_keep_principal AS SELECT * FROM principal WHERE principal_id IN ("
                    + keepList + ")");
            s.execute("CREATE TEMPORARY TABLE bench_keep_member AS SELECT * FROM group_member WHERE group_id IN ("
                    + keepList + ") AND member_id IN (" + keepList + ")");
            s.execute("CREATE TEMPORARY TABLE bench_keep_ngram AS SELECT * FROM principal_ngram WHERE principal_id IN ("
                    + keepList + ")");
            s.execute("DELETE FROM acl_permission WHERE principal_id NOT IN (" + keepList + ") OR (acl_id >= 1000000"
                    + " AND acl_id < 900000000 AND acl_id NOT IN (" + keepList + "))");
            // TRUNCATE is constant-time where DELETE of a million rows takes minutes; bench databases only.
            s.execute("TRUNCATE TABLE auth_session");
            s.execute("TRUNCATE TABLE login_attempt");
            s.execute("TRUNCATE TABLE acl_field_value");
            s.execute("TRUNCATE TABLE group_member");
            s.execute("TRUNCATE TABLE principal_ngram");
            // TRUNCATE fires no trigger: the block counts of deep pages start over (the server reseals them).
            s.execute("TRUNCATE TABLE principal_block");
            s.execute("TRUNCATE TABLE principal");
            s.execute("INSERT INTO principal SELECT * FROM bench_keep_principal");
            s.execute("INSERT INTO group_member SELECT * FROM bench_keep_member");
            s.execute("INSERT INTO principal_ngram SELECT * FROM bench_keep_ngram");
            s.execute("DROP TEMPORARY TABLE bench_keep_principal, bench_keep_member, bench_keep_ngram");
            s.execute("DELETE FROM custom_field WHERE name IN ('" + FIELD_EMPLOYEE_ID + "', '" + FIELD_DEPARTMENT + "')");
        }
        c.commit();
        report("reset", 1, t);
    }

    /**
     * Removes what earlier runs added on top of the generated data (principals made by the create
     * scenarios, sessions opened by logins, login attempts), so every run starts from the same rows.
     */
    private static void trim(Connection c, Population pop) throws SQLException {
        long t = System.nanoTime();
        long removed = 0;
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM auth_session WHERE NOT (user_agent <=> 'bench')");
            s.executeUpdate("DELETE FROM login_attempt");
            s.executeUpdate("DELETE FROM acl_field_value WHERE acl_id >= " + pop.endId() + " AND acl_id < 900000000");
            trimWindows(c, pop.endId());
            int n;
            do {
                n = s.executeUpdate("DELETE FROM principal WHERE principal_id >= " + pop.endId() + " LIMIT 50000");
                removed += n;
            } while (n > 0);
        }
        if (removed > 0) {
            report("trimmed created", removed, t);
        }
    }

    /**
     * Deletes the name windows of the principals from {@code fromId} on. Since V012 principal_ngram has no
     * foreign key to cascade, so they go by primary key: the distinct windows of those names (the create
     * scenarios' names share most of theirs), each as one range {@code (ngram, principal_id >= fromId)}.
     */
    private static void trimWindows(Connection c, long fromId) throws SQLException {
        java.util.Set<String> windows = new java.util.HashSet<>();
        try (PreparedStatement names = c.prepareStatement("SELECT name FROM principal WHERE principal_id >= ?")) {
            names.setLong(1, fromId);
            names.setFetchSize(10_000);
            try (ResultSet rs = names.executeQuery()) {
                while (rs.next()) {
                    windows.addAll(dev.breezeway.principal.PrincipalNgrams.of(rs.getString(1)));
                }
            }
        }
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM principal_ngram WHERE ngram = ? AND principal_id >= ? LIMIT 100000")) {
            for (String w : windows) {
                delete.setString(1, w);
                delete.setLong(2, fromId);
                while (delete.executeUpdate() == 100_000) {
                    // a window shared by many created names: the next 100,000
                }
            }
        }
    }

    private static long insertField(Connection c, long accountId, String name, int seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO custom_field (account_id, object_type, name,"
                + " field_type, display_seq, comments) VALUES (?, 'object-type-principal', ?, 'text', ?, 'generated by the bench')",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, accountId);
            ps.setString(2, name);
            ps.setInt(3, seq);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Creation times spread over three years in id order, as a directory that grew would have them. */
    private static LocalDateTime createdAt(int i, int n) {
        return EPOCH.plusSeconds(SPREAD_SECONDS * i / n);
    }

    private static void report(String what, long rows, long startedNanos) {
        double s = (System.nanoTime() - startedNanos) / 1e9;
        System.out.printf("generate: %-20s %,12d in %6.1f s (%,.0f/s)%n", what, rows, s, rows / Math.max(s, 1e-9));
    }

    private static long longValue(Connection c, String sql, Object... binds) throws SQLException {
        List<Long> l = longs(c, sql, binds);
        return l.isEmpty() || l.get(0) == null ? 0 : l.get(0);
    }

    private static List<Long> longs(Connection c, String sql, Object... binds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) {
                ps.setObject(i + 1, binds[i]);
            }
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private static void writeLines(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows collected into one multi-row INSERT per {@code rowsPerStatement}, committed per statement. */
    static final class BatchInsert implements AutoCloseable {
        private final Connection c;
        private final String head;
        private final String row;
        private final int rowsPerStatement;
        private final List<Object> binds = new ArrayList<>();
        private int rows;
        private PreparedStatement full;

        BatchInsert(Connection c, String head, String row, int rowsPerStatement) {
            this.c = c;
            this.head = head;
            this.row = row;
            this.rowsPerStatement = rowsPerStatement;
        }

        void add(Object... values) throws SQLException {
            binds.addAll(Arrays.asList(values));
            if (++rows == rowsPerStatement) {
                if (full == null) {
                    full = c.prepareStatement(sql(rowsPerStatement));
                }
                execute(full);
            }
        }

        private String sql(int n) {
            StringBuilder sb = new StringBuilder(head.length() + n * (row.length() + 1)).append(head);
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ",").append(row);
            }
            return sb.toString();
        }

        private void execute(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < binds.size(); i++) {
                ps.setObject(i + 1, binds.get(i));
            }
            ps.executeUpdate();
            c.commit();
            binds.clear();
            rows = 0;
        }

        @Override
        public void close() throws SQLException {
            try {
                if (rows > 0) {
                    try (PreparedStatement last = c.prepareStatement(sql(rows))) {
                        execute(last);
                    }
                }
            } finally {
                if (full != null) {
                    full.close();
                }
            }
        }
    }
}
