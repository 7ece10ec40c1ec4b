package dev.breezeway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the same {@link Population} into a running Keycloak through its admin REST API: realm
 * {@code bench}, the group {@code bench-group-5000} with the same 5,000 members, and every user
 * (same id as the principal's uuid, username and email {@code user<i>@bench.example}, same names)
 * by {@code POST /admin/realms/bench/partialImport} in chunks, skipping users already there.
 * With {@code --db-url} (Keycloak's own MariaDB) only the first chunk goes through partialImport; the
 * rest is written into Keycloak's tables by SQL, each row a copy of what partialImport wrote for the
 * first chunk with the user's own id, names and login ({@link KeycloakRows}): the import of a million users
 * takes about 50 minutes through the API on two cores, and its time is not a figure of the bench.
 * Writes {@code kc-ids.txt} (10,000 user ids spread over the whole range), {@code kc-group.txt} and
 * {@code terms.txt} (the same search terms as the generator's) for the load driver, and {@code kc-token.txt} with a fresh admin token on {@code --token-only}.
 *
 * <p>Run by bench/peers/keycloak.sh: {@code KeycloakLoad --base http://127.0.0.1:PORT --n 50000 --seed 42}.
 */
public final class KeycloakLoad {
    static final String REALM = "bench";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String adminUser;
    private final String adminPassword;
    private String token;

    private KeycloakLoad(String base, String adminUser, String adminPassword) {
        this.base = base;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    public static void main(String[] args) throws Exception {
        String base = BenchEnv.arg(args, "base", "BENCH_KC_BASE", "http://127.0.0.1:8080");
        int n = Integer.parseInt(BenchEnv.arg(args, "n", "BENCH_N", "1000000").replace("_", ""));
        long seed = Long.parseLong(BenchEnv.arg(args, "seed", "BENCH_SEED", "42"));
        int chunk = Integer.parseInt(BenchEnv.arg(args, "chunk", "BENCH_KC_CHUNK", "2000"));
        Path out = Path.of(BenchEnv.arg(args, "out", "BENCH_KC_OUT", BenchEnv.outDir().toString()));
        KeycloakLoad kc = new KeycloakLoad(base, BenchEnv.arg(args, "admin-user", "BENCH_KC_ADMIN", "admin"),
                BenchEnv.arg(args, "admin-password", "BENCH_KC_ADMIN_PASSWORD", "Bench-Admin-Pass-1"));
        Files.createDirectories(out);
        kc.refreshToken();
        if (Arrays.asList(args).contains("--token-only")) {
            Files.writeString(out.resolve("kc-token.txt"), kc.token + "\n");
            return;
        }
        String dbUrl = BenchEnv.arg(args, "db-url", "BENCH_KC_DB_URL", "");
        kc.load(new Population(n, seed), chunk, out, dbUrl.isBlank() ? null : dbUrl);
    }

    private void load(Population pop, int chunk, Path out, String dbUrl) throws Exception {
        // Admin tokens live 60 s by default: longer than a measured run is needed, or requests fail mid-run.
        send("PUT", "/admin/realms/master", "{\"accessTokenLifespan\":7200,\"ssoSessionIdleTimeout\":36000}", 204);
        refreshToken();
        if (send("GET", "/admin/realms/" + REALM, null, 0).statusCode() == 404) {
            send("POST", "/admin/realms", "{\"realm\":\"" + REALM + "\",\"enabled\":true}", 201);
        }
        String groupId = groupId().orElseGet(() -> {
            send("POST", "/admin/realms/" + REALM + "/groups", "{\"name\":\"" + Population.BIG_GROUP_NAME + "\"}", 201);
            return groupId().orElseThrow();
        });
        Files.writeString(out.resolve("kc-group.txt"), groupId + "\n");

        Population.User last = pop.user(pop.users() - 1);
        boolean loaded = send("GET", "/admin/realms/" + REALM + "/users/" + last.uuid(), null, 0).statusCode() == 200;
        if (loaded) {
            System.out.printf("keycloak: the %,d users are already in realm %s%n", pop.users(), REALM);
        } else {
            boolean[] inBigGroup = new boolean[pop.users()];
            for (int m : pop.group(0).members()) {
                inBigGroup[m] = true;
            }
            long started = System.nanoTime();
            KeycloakRows rows = dbUrl == null ? null : new KeycloakRows(dbUrl);
            if (rows != null) {
                rows.countTables();
            }
            for (int from = 0; from < pop.users(); from += chunk) {
                if (rows != null && from > 0) {
                    rows.learnFrom(pop.user(0), groupId, from);
                    rows.insert(pop, from, inBigGroup);
                    send("POST", "/admin/realms/" + REALM + "/clear-user-cache", null, 204);
                    System.out.printf("keycloak: users %,d-%,d written by SQL in %,.0f s%n", from, pop.users(),
                            (System.nanoTime() - started) / 1e9);
                    break;
                }
                int to = Math.min(pop.users(), from + chunk);
                StringBuilder body = new StringBuilder(256 * (to - from)).append("{\"ifResourceExists\":\"SKIP\",\"users\":[");
                for (int i = from; i < to; i++) {
                    Population.User u = pop.user(i);
                    body.append(i == from ? "" : ",").append("{\"id\":").append(json(u.uuid().toString()))
                            .append(",\"username\":").append(json(u.login())).append(",\"email\":").append(json(u.login()))
                            .append(",\"firstName\":").append(json(u.firstName())).append(",\"lastName\":")
                            .append(json(u.lastName())).append(",\"enabled\":true")
                            .append(inBigGroup[i] ? ",\"groups\":[" + json("/" + Population.BIG_GROUP_NAME) + "]" : "")
                            .append("}");
                }
                body.append("]}");
                refreshToken();
                send("POST", "/admin/realms/" + REALM + "/partialImport", body.toString(), 200);
                double s = (System.nanoTime() - started) / 1e9;
                System.out.printf("keycloak: imported %,d of %,d users (%,.0f/s)%n", to, pop.users(), to / s);
            }
        }
        Random r = new Random(pop.seed());
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < Math.min(10_000, pop.users()); k++) {
            ids.add(pop.user(r.nextInt(pop.users())).uuid().toString());
        }
        Files.write(out.resolve("kc-ids.txt"), ids, StandardCharsets.UTF_8);
        Files.write(out.resolve("terms.txt"), List.of(pop.searchTerms(500)), StandardCharsets.UTF_8);
        String members = send("GET", "/admin/realms/" + REALM + "/groups/" + groupId + "/members?first=0&max="
                + Population.BIG_GROUP_SIZE + "&briefRepresentation=true", null, 200).body();
        System.out.printf("keycloak: group %s has %,d members%n", Population.BIG_GROUP_NAME,
                ID.matcher(members).results().count());
    }

    private java.util.Optional<String> groupId() {
        String body = send("GET", "/admin/realms/" + REALM + "/groups?exact=true&search="
                + URLEncoder.encode(Population.BIG_GROUP_NAME, StandardCharsets.UTF_8), null, 200).body();
        Matcher m = ID.matcher(body);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private void refreshToken() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(adminUser, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("keycloak: no admin token (" + r.statusCode() + "): " + r.body()
                    + ". Keycloak keeps the admin password of its first start in target/peers/keycloak-db: set"
                    + " BENCH_KC_ADMIN_PASSWORD to that one, or delete the directory to start afresh");
        }
        token = m.group(1);
    }

    /** Sends a request with the admin token; {@code expect} 0 accepts any status. */
    private HttpResponse<String> send(String method, String path, String json, int expect) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + token);
            if (json != null) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (expect != 0 && r.statusCode() != expect) {
                throw new IllegalStateException("keycloak: " + method + " " + path + " answered " + r.statusCode() + ": "
                        + r.body().substring(0, Math.min(500, r.body().length())));
            }
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
