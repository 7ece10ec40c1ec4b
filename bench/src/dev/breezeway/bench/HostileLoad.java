package dev.breezeway.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzzes every face of a running server with random and mutated calls, bounded in count and time, on
 * loopback only, and counts what a hostile caller must never get: a reply that is not the face's
 * envelope, a stack trace, a dropped connection, a 5xx the API does not document. Every 50th call is a
 * real create whose login is remembered; at the end each must exist (no lost write) and the
 * administrator must still log in, e.g.
 * {@code java … HostileLoad --port 8080 --calls 100000 --seconds 600 --admin admin --password …}.
 */
public final class HostileLoad {
    private static final List<String> ACTIONS = List.of("common-info", "login", "logout", "user-accounts",
            "principal-list", "principal-info", "principal-update", "principals-delete", "group-membership-update",
            "user-update-pwd", "custom-fields", "custom-field-update", "acl-field-info", "acl-field-list",
            "acl-field-update", "permissions-info", "permissions-update", "permissions-reset", "role-create",
            "role-list", "user-permissions", "user-rank-update", "principal-modern-info", "principal-suspend",
            "session-list", "client-create", "client-token", "account-policy-info", "sco-shortcuts",
            "report-bulk-users", "no-such-action", "");
    private static final List<String> PARAMS = List.of("principal-id", "login", "password", "name", "type",
            "has-children", "first-name", "last-name", "email", "group-id", "is-member", "filter-rows",
            "filter-start", "filter-like-name", "filter-login", "sort-name", "acl-id", "field-id", "value",
            "permission-id", "session", "version", "rank", "role", "user-id", "password-verify", "face");
    private static final List<String> JSON_PATHS = List.of("/resources/iam/principals", "/resources/me",
            "/resources/auth/login", "/resources/iam/principals/00000000-0000-0000-0000-000000000000",
            "/auth/users", "/auth/users/whoami", "/auth/roles/list", "/resources/clients", "/v1/admin/token",
            "/api/v1/users", "/multipleusers", "/modifyrank", "/user", "/resources/graph/query",
            "/resources/account/policies/xml", "/resources/openapi.json", "/nowhere");
    private static final List<String> HOSTILE = List.of("", "'", "\"", "<", "&", "%", "%zz", "\u0000", "\u0007",
            "\uFFFE", "\uD800", "💥", "-1", "0", "999999999999999999999", "1e9", "true", "null", "../../etc/passwd",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "a".repeat(5000), "ä".repeat(300),
            "x@y.z", "user@example.com", "*", "%00", "\r\nX-Injected: 1");
    private static final Pattern STATUS = Pattern.compile("<results><status code=\"[a-z-]+\"");
    private static final Pattern SESSION = Pattern.compile("BREEZESESSION=([^;]+)");

    private final String host = InetAddress.getLoopbackAddress().getHostAddress();
    private final int port;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile String adminSession = "";
    private final String admin;
    private final String password;

    private HostileLoad(int port, String admin, String password) {
        this.port = port;
        this.admin = admin;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(BenchEnv.arg(args, "port", "BENCH_PORT", "8080"));
        long calls = Long.parseLong(BenchEnv.arg(args, "calls", "BENCH_HOSTILE_CALLS", "100000"));
        long seconds = Long.parseLong(BenchEnv.arg(args, "seconds", "BENCH_HOSTILE_SECONDS", "900"));
        int threads = Integer.parseInt(BenchEnv.arg(args, "threads", "BENCH_HOSTILE_THREADS", "8"));
        String admin = BenchEnv.arg(args, "admin", "BENCH_ADMIN", "admin");
        String password = BenchEnv.arg(args, "password", "BENCH_ADMIN_PASSWORD", "");
        new HostileLoad(port, admin, password).run(calls, seconds, threads);
    }

    private void run(long calls, long seconds, int threads) throws Exception {
        adminSession = login(admin, password).orElseThrow(() -> new IllegalStateException("the administrator cannot log in"));
        AtomicLong next = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            long seed = 42 + t;
            pool.submit(() -> {
                Random r = new Random(seed);
                long i;
                while ((i = next.getAndIncrement()) < calls && System.nanoTime() < deadline) {
                    one(r, i);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        long lost = 0;
        for (String login : created) {
            String xml = body(send(xmlGet("action=principal-list&filter-login=" + enc(login) + "&session=" + adminSession)));
            if (!xml.contains("<login>" + login + "</login>")) {
                lost++;
            }
        }
        boolean adminOk = login(admin, password).isPresent();
        System.out.printf(Locale.ROOT, "calls %d, non-envelope %d, stack traces %d, dropped %d, undocumented 5xx %d, "
                        + "creates %d, lost %d, administrator logs in: %s%n", next.get() > calls ? calls : next.get(),
                n("non-envelope"), n("stack-trace"), n("dropped"), n("5xx"), created.size(), lost, adminOk ? "yes" : "NO");
        counts.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %s: %d%n", k, v.get()));
    }

    private long n(String key) {
        return counts.getOrDefault(key, new AtomicLong()).get();
    }

    private void count(String key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /** Counts a failure and prints the first three of its kind, request and reply, to standard error. */
    private void bad(String key, byte[] request, String raw) {
        count(key);
        if (n(key) <= 3) {
            String req = new String(request, StandardCharsets.UTF_8);
            System.err.printf("%s%n  request: %s%n  reply: %s%n", key, req.substring(0, Math.min(300, req.length()))
                    .replace("\r\n", " | "), raw.substring(0, Math.min(600, raw.length())).replace("\r\n", " | "));
        }
    }

    private void one(Random r, long i) {
        try {
            if (i % 50 == 0) {
                String login = "hostile-" + i + "@bench.example";
                String reply = body(send(xmlGet("action=principal-update&type=user&has-children=0&first-name=H&last-name=L"
                        + "&login=" + enc(login) + "&session=" + adminSession)));
                if (reply.contains("code=\"ok\"")) {
                    created.add(login);
                } else if (reply.contains("no-login")) {
                    adminSession = login(admin, password).orElse(adminSession);
                }
                byte[] again = xmlGet("action=principal-update&type=user&has-children=0&first-name=H&last-name=L"
                        + "&login=" + enc(login) + "&session=" + adminSession);
                check("xml", again, send(again));
                return;
            }
            switch (r.nextInt(4)) {
                case 0, 1 -> { byte[] q = xmlGet(randomQuery(r)); check("xml", q, send(q)); }
                case 2 -> { byte[] q = xmlPost(r); check("xml", q, send(q)); }
                default -> { byte[] q = json(r); check("json", q, send(q)); }
            }
        } catch (IOException e) {
            count("dropped");
        }
    }

    private String randomQuery(Random r) {
        StringBuilder q = new StringBuilder("action=").append(enc(pick(r, ACTIONS)));
        int n = r.nextInt(6);
        for (int k = 0; k < n; k++) {
            q.append('&').append(enc(pick(r, PARAMS))).append('=').append(r.nextInt(5) == 0 ? pick(r, HOSTILE)
                    : enc(r.nextBoolean() ? pick(r, HOSTILE) : Integer.toString(r.nextInt(2_000_000))));
        }
        if (r.nextInt(3) == 0) {
            q.append("&session=").append(r.nextBoolean() ? adminSession : "breez" + r.nextInt());
        }
        return q.toString();
    }

    private byte[] xmlGet(String query) {
        return ("GET /api/xml?" + query + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] xmlPost(Random r) {
        String body = switch (r.nextInt(3)) {
            case 0 -> "<params><param name=\"action\">" + pick(r, ACTIONS) + "</param><param name=\"" + pick(r, PARAMS)
                    + "\">" + pick(r, HOSTILE) + "</param></params>";
            case 1 -> "<actions mode=\"" + pick(r, List.of("multiple", "transaction", "x")) + "\"><action name=\""
                    + pick(r, ACTIONS) + "\"><param name=\"login\">" + pick(r, HOSTILE) + "</param></action></actions>";
            default -> pick(r, HOSTILE);
        };
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String type = pick(r, List.of("text/xml", "application/x-www-form-urlencoded", "text/plain", "application/json"));
        return concat(("POST /api/xml?session=" + adminSession + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + type + "\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8), b);
    }

    private byte[] json(Random r) {
        String method = pick(r, List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        String body = r.nextBoolean() ? "{\"login\":\"" + pick(r, HOSTILE).replace("\"", "") + "\",\"name\":1}"
                : pick(r, HOSTILE);
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String auth = r.nextBoolean() ? "Authorization: Bearer " + adminSession + "\r\n" : "";
        return concat((method + " " + pick(r, JSON_PATHS) + " HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "Content-Type: application/json\r\nIf-Match: " + pick(r, List.of("*", "W/\"1\"", "x"))
                + "\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8), b);
    }

    /** What a reply must be: the face's envelope, no stack trace, no undocumented 5xx. */
    private void check(String face, byte[] request, String raw) {
        count("calls-" + face);
        if (raw.isEmpty()) {
            bad("dropped", request, raw);
            return;
        }
        String status = raw.length() > 12 ? raw.substring(9, 12) : "";
        String body = body(raw);
        if (body.contains("\tat ") || body.contains("Exception") || body.contains("<html")) {
            bad("stack-trace", request, raw);
        }
        if (face.equals("xml")) {
            if (!STATUS.matcher(body).find()) {
                bad("non-envelope", request, raw);
            }
            if (!status.equals("200")) {
                count("xml-http-" + status);
            }
            if (body.contains("code=\"internal-error\"")) {
                bad("internal-error", request, raw);
            }
        } else {
            if (status.startsWith("5") && !status.equals("503")) {
                bad("5xx", request, raw);
            }
            if (!body.isEmpty() && !body.startsWith("{") && !body.startsWith("[")) {
                bad("non-envelope", request, raw);
            }
        }
    }

    private java.util.Optional<String> login(String login, String password) throws IOException {
        String raw = send(xmlGet("action=login&login=" + enc(login) + "&password=" + enc(password)));
        Matcher m = SESSION.matcher(raw);
        return body(raw).contains("code=\"ok\"") && m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private String send(byte[] request) throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                got.write(buf, 0, n);
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    private static String body(String raw) {
        int at = raw.indexOf("\r\n\r\n");
        return at < 0 ? "" : raw.substring(at + 4);
    }

    private static String pick(Random r, List<String> from) {
        return from.get(r.nextInt(from.size()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
