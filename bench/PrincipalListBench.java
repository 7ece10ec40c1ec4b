import dev.breezeway.App;
import dev.breezeway.config.AppConfig;
import dev.breezeway.http.ServerFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Server;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * principal-list over a large directory: fills the database with N users (default 100,000, seeded
 * names), then times principal-list requests over HTTP against a constant-body baseline (common-info
 * without session) measured in the same run, and prints the plan MariaDB uses.
 *
 * Run: bench/principal-list.sh [N]
 */
public final class PrincipalListBench {
    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Margaret", "Ken",
            "Dennis", "Frances", "John", "Radia", "Niklaus", "Leslie", "Tony", "Shafi", "Butler", "Fran", "Ivan", "Jean"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Hamilton",
            "Thompson", "Ritchie", "Allen", "McCarthy", "Perlman", "Wirth", "Lamport", "Hoare", "Goldwasser", "Lampson",
            "Bilas", "Sutherland", "Sammet"};

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path data = Path.of(System.getenv().getOrDefault("BENCH_DATA_DIR", "target/bench-data"));
        AppConfig config = AppConfig.fromMap(Map.of(
                AppConfig.HTTP_PORT, "0", AppConfig.DATA_DIR, data.toString(), AppConfig.ADMIN_LOGIN, "bench",
                AppConfig.ADMIN_PASSWORD, "Bench-Admin-Pass-1", AppConfig.LIST_LIMIT, "10000"));
        try (App app = App.start(config)) {
            DSLContext db = app.database().dsl();
            fill(db, n);
            Server server = ServerFactory.newServer(app, "127.0.0.1", 0);
            server.start();
            try {
                String base = "http://127.0.0.1:" + ServerFactory.port(server) + "/api/xml?";
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String session = login(http, base);
                long total = ((Number) db.fetchValue("SELECT COUNT(*) FROM principal")).longValue();
                System.out.printf("principals in the database: %,d%n", total);
                warm(http, base + "action=common-info", 300);
                warm(http, base + "action=principal-list&filter-like-name=ovel&filter-rows=50&session=" + session, 30);
                Stats baseline = time(http, List.of(base + "action=common-info"), 300);
                List<String> likes = new ArrayList<>();
                for (String s : List.of("ovel", "uring", "ace ", "nald K", "zzz", "Hop", "amp", "ijkst")) {
                    likes.add(base + "action=principal-list&filter-like-name=" + URLEncoder.encode(s, StandardCharsets.UTF_8)
                            + "&filter-rows=50&session=" + session);
                }
                Stats like = time(http, likes, 80);
                Stats likeAll = time(http, List.of(base + "action=principal-list&filter-like-name=zzz&session=" + session), 20);
                Stats exact = time(http, List.of(base + "action=principal-list&filter-login=user50000%40bench.example&session="
                        + session), 200);
                System.out.println("| request | p50 ms | p95 ms | max ms | ratio to baseline p50 |");
                System.out.println("| --- | --- | --- | --- | --- |");
                print("common-info, no session (baseline)", baseline, baseline);
                print("principal-list filter-like-name, filter-rows=50 (8 terms)", like, baseline);
                print("principal-list filter-like-name, no match (full scan)", likeAll, baseline);
                print("principal-list filter-login (exact)", exact, baseline);
                System.out.println();
                System.out.println("EXPLAIN filter-like-name:");
                db.fetch("EXPLAIN SELECT principal_id FROM principal WHERE account_id = 1 AND deleted_at IS NULL"
                        + " AND name LIKE '%ovel%' ORDER BY principal_id LIMIT 50").forEach(r -> System.out.println("  " + r.intoMap()));
                System.out.println("EXPLAIN filter-login:");
                db.fetch("EXPLAIN SELECT principal_id FROM principal WHERE login = 'user50000@bench.example'"
                        + " OR (login IS NULL AND name = 'user50000@bench.example')").forEach(r -> System.out.println("  " + r.intoMap()));
            } finally {
                server.stop();
            }
        }
    }

    /** Inserts users until the database holds {@code n} of them, in multi-row batches, reproducibly. */
    static void fill(DSLContext db, int n) {
        long existing = ((Number) db.fetchValue("SELECT COUNT(*) FROM principal WHERE login LIKE 'user%@bench.example'")).longValue();
        if (existing >= n) {
            return;
        }
        Random random = new Random(42);
        String hash = new dev.breezeway.auth.PasswordHasher().hash("Bench-User-Pass-1");
        long started = System.nanoTime();
        int batch = 2000;
        for (long i = existing; i < n; ) {
            StringBuilder sql = new StringBuilder("INSERT INTO principal (uuid, account_id, type, login, name, first_name,"
                    + " last_name, email, password_hash) VALUES ");
            List<Object> binds = new ArrayList<>();
            for (int k = 0; k < batch && i < n; k++, i++) {
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                String login = "user" + i + "@bench.example";
                sql.append(k == 0 ? "" : ",").append("(UNHEX(REPLACE(UUID(),'-','')),1,'user',?,?,?,?,?,?)");
                binds.addAll(Arrays.asList(login, first + " " + last + " " + i, first, last + " " + i, login, hash));
            }
            db.execute(sql.toString(), binds.toArray());
        }
        System.out.printf("inserted %,d users in %.1f s%n", n - existing, (System.nanoTime() - started) / 1e9);
    }

    static String login(HttpClient http, String base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base
                + "action=login&login=bench&password=Bench-Admin-Pass-1")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("BREEZESESSION=([^;]+)").matcher(r.headers().firstValue("set-cookie").orElseThrow());
        if (!m.find()) {
            throw new IllegalStateException("login failed: " + r.body());
        }
        return m.group(1);
    }

    record Stats(double p50, double p95, double max) {
    }

    static void warm(HttpClient http, String url, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static Stats time(HttpClient http, List<String> urls, int rounds) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            for (String url : urls) {
                long t = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                ms.add((System.nanoTime() - t) / 1e6);
                if (!r.body().contains("code=\"ok\"")) {
                    throw new IllegalStateException("not ok: " + r.body());
                }
            }
        }
        ms.sort(Double::compare);
        return new Stats(ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.95)), ms.get(ms.size() - 1));
    }

    static void print(String name, Stats s, Stats baseline) {
        System.out.printf("| %s | %.2f | %.2f | %.2f | %.1f× |%n", name, s.p50(), s.p95(), s.max(), s.p50() / baseline.p50());
    }
}
