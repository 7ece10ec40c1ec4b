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
 * administrator must still log in.
 *
 * <p>The attacker calls from the loopback addresses 127.0.0.2–127.0.0.9 (Linux routes all of 127/8 to
 * the loopback interface), the administrator from 127.0.0.1, as an attacker and an operator are two
 * places: so the attacker's guesses at the administrator's password (1 call in 40) may lock the
 * administrator out of the attacker's addresses, and must not lock him out of his own. One call in four
 * is sent keep-alive with a second request behind it on the same connection: if the reply did not say
 * {@code Connection: close}, the second must be answered (else the connection was dropped), e.g.
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
            "/resources/account/policies/xml", "/resources/openapi.json", "/nowhere", "/", "/api",
            "/WEB-INF/web.xml", "/healthz", "/resources/login-locks");
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
    /** A plain user's session: the access checks are fuzzed for a caller who holds nothing, too. */
    private volatile String plainSession = "";
    private static final InetAddress ADMIN_ADDRESS = address(1);
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
        String plain = "hostile-plain-" + System.currentTimeMillis() + "@bench.example";
        send(xmlGet("action=principal-update&type=user&has-children=0&first-name=P&last-name=U&login=" + enc(plain)
                + "&password=Plain-User-Pass-1&session=" + adminSession), ADMIN_ADDRESS);
        plainSession = login(plain, "Plain-User-Pass-1").orElseThrow(() -> new IllegalStateException("no plain user"));
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
            String xml = body(send(xmlGet("action=principal-list&filter-login=" + enc(login) + "&session=" + adminSession), ADMIN_ADDRESS));
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
        InetAddress from = address(2 + r.nextInt(8));
        try {
            if (i % 50 == 0) {
                String login = "hostile-" + i + "@bench.example";
                String reply = body(send(xmlGet("action=principal-update&type=user&has-children=0&first-name=H&last-name=L"
                        + "&login=" + enc(login) + "&session=" + adminSession), ADMIN_ADDRESS));
                if (reply.contains("code=\"ok\"")) {
                    created.add(login);
                } else if (reply.contains("no-login")) {
                    adminSession = login(admin, password).orElse(adminSession);
                }
                byte[] again = xmlGet("action=principal-update&type=user&has-children=0&first-name=H&last-name=L"
                        + "&login=" + enc(login) + "&session=" + adminSession);
                check("xml", again, send(again, from));
                return;
            }
            if (i % 40 == 1) {
                byte[] guess = xmlGet("action=login&login=" + enc(admin) + "&password=guess" + r.nextInt(1_000_000));
                check("xml", guess, send(guess, from));
                return;
            }
            boolean keepAlive = r.nextInt(4) == 0;
            switch (r.nextInt(5)) {
                case 0, 1 -> { byte[] q = xmlGet(randomQuery(r)); exchange("xml", q, from, keepAlive); }
                case 2 -> { byte[] q = xmlPost(r); exchange("xml", q, from, keepAlive); }
                case 3 -> { byte[] q = json(r); exchange("json", q, from, keepAlive); }
                default -> { byte[] q = broken(r); exchange(q.length > 0 && q[0] == 'G' && !new String(q,
                        StandardCharsets.ISO_8859_1).startsWith("GET /api/xml") ? "json" : "xml", q, from, keepAlive); }
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
            q.append("&session=").append(session(r));
        }
        return q.toString();
    }

    /**
     * Requests that are broken at the HTTP level: raw control characters in the request line, no or an
     * unknown version, methods the servlets do not take, oversized lines and headers, bad framing.
     */
    private byte[] broken(Random r) {
        String q = "/api/xml?action=" + enc(pick(r, ACTIONS)) + "&session=" + session(r);
        String s = switch (r.nextInt(10)) {
            case 0 -> "GET " + q + "&x=a\nb HTTP/1.1\r\nHost: localhost\r\n\r\n";
            case 1 -> "GET " + q + "&x=a\rb HTTP/1.1\r\nHost: localhost\r\n\r\n";
            case 2 -> "GET " + q + "\r\n\r\n";
            case 3 -> "GET " + q + " HTTP/7.3\r\nHost: localhost\r\n\r\n";
            case 4 -> pick(r, List.of("TRACE", "OPTIONS", "PROPFIND", "PATCH", "DELETE", "CONNECT", "FOO")) + " " + q
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
            case 5 -> "GET " + q + "&login=" + "a".repeat(70_000 + r.nextInt(10_000)) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
            case 6 -> "GET " + q + " HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(70_000) + "\r\n\r\n";
            case 7 -> "POST " + q + " HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\nzz\r\n";
            case 8 -> "POST " + q + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\n<acti\r\nxyz\r\n";
            default -> "GET " + pick(r, JSON_PATHS) + "?x=" + enc(pick(r, HOSTILE)) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
        };
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The administrator's session, a plain user's, or a made-up token. */
    private String session(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> adminSession;
            case 1 -> plainSession;
            default -> "breez" + Integer.toUnsignedString(r.nextInt(), 32);
        };
    }

    private byte[] xmlGet(String query) {
        return ("GET /api/xml?" + query + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
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
        return concat(("POST /api/xml?session=" + session(r) + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + type + "\r\nContent-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8), b);
    }

    private byte[] json(Random r) {
        String method = pick(r, List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        String body = r.nextBoolean() ? "{\"login\":\"" + pick(r, HOSTILE).replace("\"", "") + "\",\"name\":1}"
                : pick(r, HOSTILE);
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String auth = r.nextBoolean() ? "Authorization: Bearer " + session(r) + "\r\n" : "";
        return concat((method + " " + pick(r, JSON_PATHS) + " HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "Content-Type: application/json\r\nIf-Match: " + pick(r, List.of("*", "W/\"1\"", "x"))
                + "\r\nContent-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8), b);
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
            boolean health = new String(request, 0, Math.min(request.length, 20), StandardCharsets.ISO_8859_1)
                    .matches("^[A-Z]+ /healthz[ ?].*") && head(raw).contains("content-type: text/plain");
            if (!body.isEmpty() && !body.startsWith("{") && !body.startsWith("[") && !health) {
                bad("non-envelope", request, raw);
            }
        }
    }

    private java.util.Optional<String> login(String login, String password) throws IOException {
        String raw = send(xmlGet("action=login&login=" + enc(login) + "&password=" + enc(password)), ADMIN_ADDRESS);
        Matcher m = SESSION.matcher(raw);
        return body(raw).contains("code=\"ok\"") && m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /**
     * Sends {@code request} from {@code from} and checks the reply; keep-alive, it is sent without
     * {@code Connection: close} and followed on the same connection by a {@code common-info}, which must be
     * answered unless the first reply said {@code Connection: close}.
     */
    private void exchange(String face, byte[] request, InetAddress from, boolean keepAlive) throws IOException {
        if (!keepAlive) {
            check(face, request, send(request, from));
            return;
        }
        try (Socket s = new Socket(InetAddress.getByName(host), port, from, 0)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.write("GET /api/xml?action=common-info HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String first = readResponse(in);
            check(face, request, first);
            if (first.isEmpty() || head(first).contains("\r\nconnection: close")) {
                count("keep-alive-closed");
                return;
            }
            count("keep-alive");
            String second = readResponse(in);
            if (!body(second).contains("<status code=\"ok\"/>")) {
                bad("dropped", request, "after: " + first + " || second: " + second);
            }
        } catch (IOException e) {
            count("dropped");
        }
    }

    /** The request with {@code Connection: close} added to its headers (if it has a header block). */
    private static byte[] withClose(byte[] request) {
        String s = new String(request, StandardCharsets.ISO_8859_1);
        if (s.contains("\r\nConnection: close\r\n")) {
            return request;
        }
        int end = s.indexOf("\r\n\r\n");
        int firstLine = s.indexOf("\r\n");
        if (end < 0 || firstLine == end) {
            return request;
        }
        return (s.substring(0, end) + "\r\nConnection: close" + s.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String head(String raw) {
        int at = raw.indexOf("\r\n\r\n");
        return (at < 0 ? raw : raw.substring(0, at + 2)).toLowerCase(Locale.ROOT);
    }

    /** One HTTP/1.1 response: its head and a body framed by Content-Length, chunks or the close. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        int c;
        while (matched < 4 && (c = in.read()) >= 0) {
            headBytes.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        String headText = headBytes.toString(StandardCharsets.ISO_8859_1);
        if (matched < 4) {
            return headText;
        }
        String lower = headText.toLowerCase(Locale.ROOT);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Matcher length = Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(lower);
        if (lower.startsWith("http/1.1 204") || lower.startsWith("http/1.1 304")) {
            return headText;
        } else if (length.find()) {
            body.write(in.readNBytes(Integer.parseInt(length.group(1))));
        } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
            while (true) {
                StringBuilder line = new StringBuilder();
                while ((c = in.read()) >= 0 && c != '\n') {
                    if (c != '\r') {
                        line.append((char) c);
                    }
                }
                int size = Integer.parseInt(line.toString().split(";")[0].trim(), 16);
                if (size == 0) {
                    in.read();
                    in.read();
                    break;
                }
                body.write(in.readNBytes(size));
                in.read();
                in.read();
            }
        } else {
            body.write(in.readAllBytes());
        }
        return headText + body.toString(StandardCharsets.UTF_8);
    }

    private static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private String send(byte[] request, InetAddress from) throws IOException {
        try (Socket s = new Socket(InetAddress.getByName(host), port, from, 0)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(withClose(request));
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
