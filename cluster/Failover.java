// Failover load and check for cluster/run.sh (JDK 17 single-file source launch, JDK only).
//
//   java cluster/Failover.java --run cluster/run.sh --scratch DIR --admin-password PW --duration S [--threads N]
//   java cluster/Failover.java --run cluster/run.sh --scratch DIR --admin-password PW --session-check
//
// The load: worker threads create users, add them to one group, read them (principal-info), list the
// group (principal-list) and log in as them, spread round-robin over the three nodes. A request that
// fails (connection refused, timeout, HTTP other than 200, a status other than ok) is retried with
// the same natural key on the next node. At a third of the duration the member holding most of the
// breezeway connections is SIGKILLed, 3 s later node 2; both are restarted ~12 s after their kill
// (through run.sh, which recovers the member's position first). At the end every acknowledged write
// is looked up on every member directly, with wsrep_sync_wait=1.
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Failover {
    static final String[] NODES = {"http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8083"};
    static final Pattern PRINCIPAL_ID = Pattern.compile("<principal [^>]*principal-id=\"(\\d+)\"");
    static final Pattern STATUS = Pattern.compile("<status code=\"([a-z-]+)\"(?:[^>]*subcode=\"([a-z-]+)\")?");
    static final Pattern INVALID = Pattern.compile("<invalid field=\"([a-z-]+)\"[^>]*subcode=\"([a-z-]+)\"");
    static final Pattern COOKIE = Pattern.compile("BREEZESESSION=([^;]+)");
    static final long OP_DEADLINE_MS = 90_000;
    static final String USER_PASSWORD = "Fo-pass-2026";
    static final int KILLED_NODE = 2; // 1-based

    static String run;
    static String scratch;
    static String adminPassword;
    static int duration = 120;
    static int threads = 5;

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    // ------------------------------------------------------------------------------------------------
    // bookkeeping
    static final long T0 = System.nanoTime();
    static final AtomicLong lastSuccess = new AtomicLong(0);
    static final AtomicLong maxGap = new AtomicLong(0);
    static final AtomicLong maxGapEndsAt = new AtomicLong(0);
    static volatile boolean measuring = false;
    static final AtomicInteger requests = new AtomicInteger();
    static final AtomicInteger failedOnce = new AtomicInteger();
    static final AtomicInteger gaveUp = new AtomicInteger();
    static final AtomicInteger ackAfterRetry = new AtomicInteger();
    static final AtomicInteger unexpectedDuplicate = new AtomicInteger();
    static final Map<String, AtomicInteger> failureCauses = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> opCounts = new ConcurrentHashMap<>();
    static final Map<Long, AtomicInteger> okPerSecond = new ConcurrentHashMap<>();
    static final Map<Long, AtomicInteger> failPerSecond = new ConcurrentHashMap<>();
    static final ConcurrentLinkedQueue<String> ackedLogins = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> ackedMemberships = new ConcurrentLinkedQueue<>(); // logins
    static final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    static volatile String adminSession;
    static final List<String> gaps = new ArrayList<>();
    static final ConcurrentLinkedQueue<Long> firstFailures = new ConcurrentLinkedQueue<>();

    static long nowMs() {
        return (System.nanoTime() - T0) / 1_000_000;
    }

    static String stamp() {
        return String.format("t=%6.2fs", nowMs() / 1000.0);
    }

    static void event(String what) {
        String line = stamp() + " " + what;
        events.add(line);
        System.out.println("[failover] " + line);
    }

    static void success() {
        long now = nowMs();
        okPerSecond.computeIfAbsent(now / 1000, k -> new AtomicInteger()).incrementAndGet();
        long prev = lastSuccess.getAndAccumulate(now, Math::max);
        if (measuring && prev > 0 && now - prev >= 1000) {
            synchronized (gaps) {
                gaps.add((now - prev) + " ms ending at t=" + String.format("%.2fs", now / 1000.0));
            }
        }
        if (measuring && prev > 0 && now - prev > maxGap.get()) {
            maxGap.set(now - prev);
            maxGapEndsAt.set(now);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // HTTP

    record Reply(int http, String body, String cookie, String error) {
        String status() {
            if (body == null) return null;
            Matcher m = STATUS.matcher(body);
            return m.find() ? m.group(1) + (m.group(2) == null ? "" : "/" + m.group(2)) : "no-status";
        }

        boolean ok() {
            return error == null && http == 200 && body != null && body.contains("<status code=\"ok\"");
        }

        boolean duplicateLogin() {
            if (error != null || body == null || !body.contains("<status code=\"invalid\"")) return false;
            Matcher m = INVALID.matcher(body);
            while (m.find()) {
                if (m.group(1).equals("login") && m.group(2).equals("duplicate")) return true;
            }
            return false;
        }

        boolean noLogin() {
            return body != null && body.contains("subcode=\"no-login\"");
        }

        String cause() {
            if (error != null) return error;
            if (http != 200) return "HTTP " + http;
            return "status " + status();
        }
    }

    static String query(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (var e : params.entrySet()) {
            if (sb.length() > 0) sb.append('&');
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    static Reply get(int node, Map<String, String> params) {
        URI uri = URI.create(NODES[node] + "/api/xml?" + query(params));
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            String cookie = null;
            for (String h : r.headers().allValues("set-cookie")) {
                Matcher m = COOKIE.matcher(h);
                if (m.find()) cookie = m.group(1);
            }
            return new Reply(r.statusCode(), r.body(), cookie, null);
        } catch (java.net.ConnectException e) {
            return new Reply(0, null, null, "connection refused");
        } catch (java.net.http.HttpTimeoutException e) {
            return new Reply(0, null, null, "timeout");
        } catch (IOException e) {
            return new Reply(0, null, null, "I/O " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, null, null, "interrupted");
        }
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    static String login(int node, String login, String password) {
        Reply r = get(node, params("action", "login", "login", login, "password", password));
        return r.ok() ? r.cookie : null;
    }

    static synchronized void relogin(String stale) {
        if (adminSession != null && !adminSession.equals(stale)) return;
        for (int i = 0; i < 60; i++) {
            String s = login(i % NODES.length, "admin", adminPassword);
            if (s != null) {
                adminSession = s;
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException("cannot log in as admin");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    enum Outcome { OK, ACK_AFTER_RETRY, GAVE_UP }

    record Result(Outcome outcome, Reply reply) {}

    /**
     * One logical request, retried with the same parameters on the next node until it succeeds or
     * OP_DEADLINE_MS passes. For a create, a duplicate login on a retry means the earlier attempt
     * committed.
     */
    static Result exec(String op, int firstNode, Map<String, String> p, boolean asAdmin, boolean isCreate) {
        requests.incrementAndGet();
        opCounts.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        long start = nowMs();
        boolean failed = false;
        int node = firstNode;
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) node = nextNode();
            Map<String, String> q = new LinkedHashMap<>(p);
            String session = adminSession;
            if (asAdmin) q.put("session", session);
            Reply r = get(node, q);
            if (r.ok()) {
                success();
                return new Result(Outcome.OK, r);
            }
            if (isCreate && r.duplicateLogin()) {
                success();
                if (failed) {
                    ackAfterRetry.incrementAndGet();
                    return new Result(Outcome.ACK_AFTER_RETRY, r);
                }
                unexpectedDuplicate.incrementAndGet();
                event("UNEXPECTED duplicate on the first attempt of " + p.get("login"));
                return new Result(Outcome.GAVE_UP, r);
            }
            if (!failed) {
                failed = true;
                failedOnce.incrementAndGet();
                firstFailures.add(nowMs());
            }
            failPerSecond.computeIfAbsent(nowMs() / 1000, k -> new AtomicInteger()).incrementAndGet();
            failureCauses.computeIfAbsent(op + ": " + r.cause(), k -> new AtomicInteger()).incrementAndGet();
            if ("connection refused".equals(r.error) || r.http == 503) up.set(node, 0);
            if (asAdmin && r.noLogin()) relogin(session);
            if (nowMs() - start > OP_DEADLINE_MS) {
                gaveUp.incrementAndGet();
                event("gave up " + op + " " + p + " after " + (attempt + 1) + " attempts: " + r.cause());
                return new Result(Outcome.GAVE_UP, r);
            }
            sleep(r.error != null && r.error.equals("connection refused") ? 50 : 250);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // the load

    static final AtomicInteger rr = new AtomicInteger();
    /** Node health as the prober (every 200 ms, GET /healthz/ready) or the last failed attempt saw it. */
    static final java.util.concurrent.atomic.AtomicIntegerArray up = new java.util.concurrent.atomic.AtomicIntegerArray(
            new int[] {1, 1, 1});

    /** The next node round-robin among the ones that look up (any node when none does). */
    static int nextNode() {
        int start = Math.floorMod(rr.getAndIncrement(), NODES.length);
        for (int i = 0; i < NODES.length; i++) {
            int n = (start + i) % NODES.length;
            if (up.get(n) == 1) return n;
        }
        return start;
    }

    static void prober(long until) {
        HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(500)).build();
        int[] last = {1, 1, 1};
        while (nowMs() < until) {
            for (int n = 0; n < NODES.length; n++) {
                int ok;
                try {
                    HttpResponse<Void> r = probe.send(HttpRequest.newBuilder(URI.create(NODES[n] + "/healthz/ready"))
                            .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding());
                    ok = r.statusCode() == 200 ? 1 : 0;
                } catch (IOException e) {
                    ok = 0;
                } catch (InterruptedException e) {
                    return;
                }
                up.set(n, ok);
                if (ok != last[n]) event("prober: node " + (n + 1) + (ok == 1 ? " ready" : " not ready"));
                last[n] = ok;
            }
            sleep(200);
        }
    }

    static void worker(int t, String runId, String groupId, long endAt) {
        for (int k = 1; nowMs() < endAt; k++) {
            String key = "w" + t + "n" + k;
            String login = "fo" + runId + "-" + key + "@example.com";
            Result c = exec("create", nextNode(), params("action", "principal-update", "type", "user",
                    "has-children", "0", "login", login, "first-name", key, "last-name", "Fo" + runId,
                    "email", login, "password", USER_PASSWORD), true, true);
            if (c.outcome == Outcome.GAVE_UP) continue;
            ackedLogins.add(login);
            String id;
            if (c.outcome == Outcome.OK) {
                Matcher m = PRINCIPAL_ID.matcher(c.reply.body);
                if (!m.find()) throw new IllegalStateException("no principal-id in " + c.reply.body);
                id = m.group(1);
            } else {
                Result l = exec("principal-list", nextNode(), params("action", "principal-list",
                        "filter-login", login), true, false);
                Matcher m = PRINCIPAL_ID.matcher(l.reply.body == null ? "" : l.reply.body);
                if (l.outcome == Outcome.GAVE_UP || !m.find()) continue;
                id = m.group(1);
            }
            Result g = exec("membership", nextNode(), params("action", "group-membership-update",
                    "group-id", groupId, "principal-id", id, "is-member", "true"), true, false);
            if (g.outcome != Outcome.GAVE_UP) ackedMemberships.add(login);
            exec("principal-info", nextNode(), params("action", "principal-info", "principal-id", id), true, false);
            if (k % 3 == 0) {
                exec("login", nextNode(), params("action", "login", "login", login, "password", USER_PASSWORD),
                        false, false);
            }
            if (k % 5 == 0) {
                exec("principal-list", nextNode(), params("action", "principal-list", "group-id", groupId,
                        "filter-is-member", "true", "filter-rows", "20"), true, false);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // run.sh

    record Cmd(int rc, String out, long ms) {}

    static Cmd runSh(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(run);
        Collections.addAll(cmd, args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CLUSTER_DIR", scratch);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        long t = System.nanoTime();
        try {
            Process p = pb.start();
            String out;
            try (InputStream in = p.getInputStream()) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                out = b.toString(StandardCharsets.UTF_8);
            }
            int rc = p.waitFor();
            return new Cmd(rc, out, (System.nanoTime() - t) / 1_000_000);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> sql(int member, String statement) {
        Cmd c = runSh("sql", Integer.toString(member), statement);
        if (c.rc != 0) throw new IllegalStateException("SQL on member " + member + " failed: " + statement);
        List<String> rows = new ArrayList<>();
        for (String line : c.out.split("\n")) if (!line.isEmpty()) rows.add(line);
        return rows;
    }

    static final Map<String, Long> timings = Collections.synchronizedMap(new LinkedHashMap<>());

    static void chaos(long killAt) {
        sleepUntil(killAt);
        int victim = Integer.parseInt(runSh("busiest-member").out.trim());
        long tm = nowMs();
        Cmd km = runSh("kill-member", Integer.toString(victim));
        event("SIGKILL member " + victim + " (rc " + km.rc + ")");
        timings.put("member killed at ms", tm);
        sleepUntil(tm + 3_000);
        long tn = nowMs();
        Cmd kn = runSh("kill-node", Integer.toString(KILLED_NODE));
        event("SIGKILL node " + KILLED_NODE + " (rc " + kn.rc + ")");
        timings.put("node killed at ms", tn);
        Thread nodeRestart = new Thread(() -> {
            sleepUntil(tn + 12_000);
            event("restarting node " + KILLED_NODE);
            Cmd s = runSh("start-node", Integer.toString(KILLED_NODE));
            timings.put("node restart until ready ms", s.ms);
            timings.put("node ready at ms", nowMs());
            event("node " + KILLED_NODE + " ready again after " + s.ms + " ms (rc " + s.rc + ")");
        });
        nodeRestart.start();
        sleepUntil(tm + 12_000);
        event("restarting member " + victim + " (position recovery, IST)");
        Cmd s = runSh("start-member", Integer.toString(victim));
        timings.put("member restart until Synced ms", s.ms);
        timings.put("member Synced at ms", nowMs());
        event("member " + victim + " Synced again after " + s.ms + " ms (rc " + s.rc + ")");
        try {
            nodeRestart.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleepUntil(long ms) {
        long d = ms - nowMs();
        if (d > 0) sleep(d);
    }

    // ------------------------------------------------------------------------------------------------
    // session check

    static boolean hasUser(int node, String session) {
        Reply r = get(node, params("action", "common-info", "session", session));
        return r.ok() && r.body.contains("<user "); // not <user-agent>
    }

    static int sessionCheck() {
        boolean pass = true;
        String s = null;
        for (int i = 0; i < 20 && s == null; i++) {
            s = login(0, "admin", adminPassword);
            if (s == null) sleep(500);
        }
        if (s == null) {
            System.out.println("session check: FAIL (no login on node 1)");
            return 1;
        }
        boolean on1 = hasUser(0, s);
        boolean on3 = hasUser(2, s);
        System.out.println("session check: login on node 1, common-info on node 1 shows <user: " + on1
                + ", on node 3: " + on3 + (on1 && on3 ? " PASS" : " FAIL"));
        pass &= on1 && on3;
        hasUser(0, s); // node 1 has just resolved (and may cache) the session
        Reply lo = get(1, params("action", "logout", "session", s));
        long t = System.nanoTime();
        long seen = -1;
        while ((System.nanoTime() - t) / 1_000_000 < 10_000) {
            if (!hasUser(0, s)) {
                seen = (System.nanoTime() - t) / 1_000_000;
                break;
            }
            sleep(100);
        }
        boolean ok = lo.ok() && seen >= 0 && seen <= 2_000;
        System.out.println("session check: logout on node 2 (" + (lo.ok() ? "ok" : lo.cause()) + "), node 1 "
                + (seen < 0 ? "still shows <user after 10000 ms" : "ends the session after " + seen + " ms")
                + (ok ? " PASS" : " FAIL (limit 2000 ms)"));
        pass &= ok;
        return pass ? 0 : 1;
    }

    // ------------------------------------------------------------------------------------------------
    // check on every member

    static String inList(Set<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (sb.length() > 0) sb.append(',');
            sb.append('\'').append(v.replace("'", "''")).append('\'');
        }
        return sb.toString();
    }

    static int[] verify(String runId, String groupId) {
        Set<String> logins = new HashSet<>(ackedLogins);
        Set<String> members = new HashSet<>(ackedMemberships);
        String prefix = "fo" + runId + "-";
        System.out.println("[failover] group_member columns: "
                + String.join(", ", sql(1, "DESCRIBE breezeway.group_member").stream()
                        .map(l -> l.split("\t")[0]).toList()));
        Set<String> lost = new HashSet<>();
        int duplicated = 0;
        for (int m = 1; m <= 3; m++) {
            List<String> rows = sql(m, "SET SESSION wsrep_sync_wait=1; SELECT login, first_name FROM "
                    + "breezeway.principal WHERE login LIKE '" + prefix + "%'");
            Map<String, Integer> byLogin = new HashMap<>();
            Map<String, Integer> byKey = new HashMap<>();
            for (String row : rows) {
                String[] f = row.split("\t");
                byLogin.merge(f[0], 1, Integer::sum);
                byKey.merge(f.length > 1 ? f[1] : "", 1, Integer::sum);
            }
            int missingP = 0;
            for (String l : logins) {
                if (!byLogin.containsKey(l)) {
                    missingP++;
                    lost.add("principal " + l);
                }
            }
            int dupP = 0;
            for (int c : byLogin.values()) if (c > 1) dupP += c - 1;
            for (int c : byKey.values()) if (c > 1) dupP += c - 1;
            List<String> gm = sql(m, "SET SESSION wsrep_sync_wait=1; SELECT p.login FROM breezeway.group_member g "
                    + "JOIN breezeway.principal p ON p.principal_id = g.member_id WHERE g.group_id = " + groupId);
            Map<String, Integer> gmBy = new HashMap<>();
            for (String l : gm) gmBy.merge(l, 1, Integer::sum);
            int missingG = 0;
            for (String l : members) {
                if (!gmBy.containsKey(l)) {
                    missingG++;
                    lost.add("membership " + l);
                }
            }
            int dupG = 0;
            for (int c : gmBy.values()) if (c > 1) dupG += c - 1;
            System.out.printf("[failover] member %d: %d principals with the run's prefix (%d acknowledged, %d missing,"
                    + " %d duplicated), %d group_member rows (%d acknowledged, %d missing, %d duplicated)%n",
                    m, rows.size(), logins.size(), missingP, dupP, gm.size(), members.size(), missingG, dupG);
            duplicated = Math.max(duplicated, dupP + dupG);
        }
        for (String l : lost) System.out.println("[failover] LOST " + l);
        return new int[] {logins.size() + members.size(), lost.size(), duplicated};
    }

    // ------------------------------------------------------------------------------------------------

    public static void main(String[] args) throws Exception {
        boolean session = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--run" -> run = args[++i];
                case "--scratch" -> scratch = args[++i];
                case "--admin-password" -> adminPassword = args[++i];
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--session-check" -> session = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (run == null || scratch == null || adminPassword == null) {
            throw new IllegalArgumentException("--run, --scratch and --admin-password are required");
        }
        if (session) System.exit(sessionCheck());

        String runId = Long.toString(Instant.now().getEpochSecond() % 1_000_000, 36);
        relogin(null);
        Result grp = exec("create-group", 0, params("action", "principal-update", "type", "group",
                "has-children", "1", "name", "fo" + runId + "-group", "description", "failover run"), true, false);
        Matcher gm = PRINCIPAL_ID.matcher(grp.reply.body == null ? "" : grp.reply.body);
        if (grp.outcome != Outcome.OK || !gm.find()) throw new IllegalStateException("no group: " + grp.reply);
        String groupId = gm.group(1);
        System.out.printf("[failover] run %s: %d workers for %d s over %d nodes, group %s%n", runId, threads,
                duration, NODES.length, groupId);

        long loadStart = nowMs();
        long endAt = loadStart + duration * 1000L;
        long killAt = loadStart + duration * 1000L / 3;
        lastSuccess.set(loadStart);
        measuring = true;
        List<Thread> workers = new ArrayList<>();
        for (int t = 1; t <= threads; t++) {
            int tt = t;
            Thread w = new Thread(() -> worker(tt, runId, groupId, endAt), "worker-" + t);
            w.start();
            workers.add(w);
        }
        Thread prober = new Thread(() -> prober(Long.MAX_VALUE), "prober");
        prober.setDaemon(true);
        prober.start();
        Thread chaos = new Thread(() -> chaos(killAt), "chaos");
        chaos.start();
        for (Thread w : workers) w.join();
        measuring = false;
        long loadEnd = nowMs();
        chaos.join();
        event("load ended; " + requests.get() + " requests in " + (loadEnd - loadStart) + " ms");

        // the cluster must be whole again before the check
        for (int m = 1; m <= 3; m++) {
            List<String> size = sql(m, "SHOW STATUS LIKE 'wsrep_cluster_size'");
            System.out.println("[failover] member " + m + " wsrep_cluster_size="
                    + (size.isEmpty() ? "?" : size.get(0).split("\t")[1]));
        }

        // requests per second around the outage
        StringBuilder tl = new StringBuilder();
        long firstSec = loadStart / 1000;
        long lastSec = loadEnd / 1000;
        for (long s = firstSec; s <= lastSec; s++) {
            AtomicInteger ok = okPerSecond.get(s);
            AtomicInteger ko = failPerSecond.get(s);
            tl.append(s).append(':').append(ok == null ? 0 : ok.get());
            if (ko != null) tl.append("/-").append(ko.get());
            tl.append(' ');
        }
        System.out.println("[failover] successes per second (t in s since the start, as in the events: t:ok/-failed attempts): " + tl);
        System.out.println("[failover] requests by kind: " + new TreeMap<>(opCounts));
        System.out.println("[failover] failed attempts by cause: " + new TreeMap<>(failureCauses));
        System.out.println("[failover] requests that failed at least once: " + failedOnce.get()
                + ", acknowledged after a retry (create answered duplicate): " + ackAfterRetry.get()
                + ", given up after " + OP_DEADLINE_MS / 1000 + " s: " + gaveUp.get()
                + ", duplicate on a first attempt: " + unexpectedDuplicate.get());
        long outFrom = timings.getOrDefault("member killed at ms", Long.MAX_VALUE);
        long outTo = Math.max(timings.getOrDefault("member Synced at ms", 0L), timings.getOrDefault("node ready at ms", 0L));
        int before = 0, during = 0, after = 0;
        for (long f : firstFailures) {
            if (f < outFrom) before++;
            else if (f <= outTo) during++;
            else after++;
        }
        System.out.printf("[failover] requests that failed at least once, by when they first failed: %d before the kill,"
                + " %d from the member's kill until both were back (t=%.1fs..%.1fs), %d afterwards%n",
                before, during, outFrom / 1000.0, outTo / 1000.0, after);
        System.out.println("[failover] timings (ms since start): " + timings + ", longest gap ended at "
                + maxGapEndsAt.get());
        System.out.println("[failover] gaps of 1 s or more without any successful request: " + gaps);
        int[] v = verify(runId, groupId);
        System.out.printf("acknowledged %d, lost %d, duplicated %d, errors %d during the outage (max gap %d ms)%n",
                v[0], v[1], v[2], failedOnce.get(), maxGap.get());
        System.exit(v[1] == 0 && v[2] == 0 ? 0 : 1);
    }
}
