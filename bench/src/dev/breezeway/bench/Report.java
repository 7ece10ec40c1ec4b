package dev.breezeway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;

/**
 * Turns one run's raw lines ({@code breezeway.tsv}, {@code keycloak.tsv} in the run directory) into
 * {@code bench/results/<date>.md}: every scenario with its same-run baseline ratio and its Keycloak
 * equivalent, then the targets of issue 7 against the figures, e.g. {@code principal-info 0.85× storage}.
 */
public final class Report {
    /** A scenario row: what it is, the same-run baseline it is divided by, and Keycloak's equivalent. */
    private record Row(String scenario, String what, String baseline, String peer) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("http-ceiling", "HTTP ceiling: bare servlet on the same Jetty, constant `<results><status code=\"ok\"/></results>`", "", ""),
            new Row("storage-ceiling", "storage ceiling: one primary-key select through the same HikariCP pool + small XML", "http-ceiling", ""),
            new Row("login-ceiling", "login ceiling: Argon2id verifications/s (m=19456, t=2, p=1), one thread per core", "", ""),
            new Row("detail-ceiling", "query ceiling of principal-info: its own SQL (principal + manager + custom values) over plain JDBC + StAX, no session", "storage-ceiling", ""),
            new Row("principal-info", "`principal-info` of a random user, admin session", "storage-ceiling", "kc-get-user"),
            new Row("principal-info-10k", "`principal-info` of one of the 10,000 users that json-get-by-id reads (a hot set the detail cache can hold)", "storage-ceiling", "kc-get-user"),
            new Row("list-like", "`principal-list` `filter-like-name=<term>&filter-rows=50` (500 terms from real names)", "storage-ceiling", "kc-search"),
            new Row("list-first-page", "`principal-list` `filter-rows=50&filter-start=0&sort-principal-id=asc`", "storage-ceiling", "kc-first-page"),
            new Row("list-deep-page", "`principal-list` `filter-rows=50&filter-start=<deep>&sort-principal-id=asc`", "storage-ceiling", "kc-deep-page"),
            new Row("list-group-5000", "`principal-list` `group-id=<5,000-member group>&filter-is-member=true&filter-rows=5000` (one page)", "storage-ceiling", "kc-group-5000"),
            new Row("list-group-5000@1", "the 5,000-member page at 1 connection: its p50 ÷ 5,000 is what a row costs", "storage-ceiling", ""),
            new Row("login", "`login` of a random user, right password", "login-ceiling", ""),
            new Row("create", "`principal-update` create, one user per request (no password)", "storage-ceiling", "kc-create"),
            new Row("batch-create", "XML batch POST `<actions mode=\"multiple\">` of principal-update creates: **principals/s**", "storage-ceiling", "kc-create"),
            new Row("mixed", "mixed: 50 % info, 20 % like, 5 % first page, 3 % deep, 2 % group, 5 % login, 15 % create", "storage-ceiling", ""),
            new Row("mixed@64", "the mixed workload at 64 connections", "storage-ceiling", ""),
            new Row("json-list-first", "JSON list `GET /resources/iam/principals?limit=50&orderBy=name`, first page", "storage-ceiling", "kc-first-page"),
            new Row("json-list-page-2000", "JSON list, page 2,000 (`after=` the cursor JsonCursor walked to)", "storage-ceiling", "kc-deep-page"),
            new Row("json-get-by-id", "JSON `GET /resources/iam/principals/{id}` of a random user", "storage-ceiling", "kc-get-user"));

    private static final Map<String, String> PEER_WHAT = Map.of(
            "kc-get-user", "`GET /admin/realms/bench/users/{id}`",
            "kc-search", "`GET …/users?search=*<term>*&first=0&max=50&briefRepresentation=true`",
            "kc-first-page", "`GET …/users?first=0&max=50&briefRepresentation=true`",
            "kc-deep-page", "`GET …/users?first=<deep>&max=50&briefRepresentation=true`",
            "kc-group-5000", "`GET …/groups/{id}/members?first=0&max=5000&briefRepresentation=true`",
            "kc-create", "`POST …/users` (one user, no password)");

    /** One measured line: scenario requests seconds rps p50 p95 p99 errors items connections rss. */
    private record Result(String scenario, long requests, double seconds, double rps, double p50, double p95, double p99,
                          long errors, int items, String connections, long rssMib) {
        double figure() {
            return rps * items;
        }
    }

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        Path runDir = Path.of(BenchEnv.arg(args, "run-dir", "BENCH_RUN_DIR", "target/bench"));
        Path out = Path.of(BenchEnv.arg(args, "out", "BENCH_REPORT", "bench/results/" + LocalDate.now() + ".md"));
        Map<String, Result> bz = read(runDir.resolve("breezeway.tsv"));
        Map<String, Result> kc = read(runDir.resolve("keycloak.tsv"));
        String ceilingNote = bracketLoginCeiling(bz);
        boolean smoke = "1".equals(BenchEnv.arg(args, "smoke", "BENCH_SMOKE", "0"));
        String n = BenchEnv.arg(args, "n", "BENCH_N", "?");
        String deep = BenchEnv.arg(args, "deep-start", "BENCH_DEEP_START", "?");
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark ").append(LocalDate.now()).append(smoke ? " — SMOKE RUN" : "").append("\n\n");
        if (smoke) {
            md.append("> **Smoke run: proves the instrument works end to end. It is not the measurement of the\n"
                    + "> targets of issue 7** (those need 1,000,000 principals and ≥ 60 s of warm-up on a quiet machine).\n\n");
        }
        md.append(String.format(Locale.ROOT, "Principals: %s (seed %s), deep page at filter-start=%s. Warm-up %s s and"
                        + " %s s measured per scenario, %s connections unless the scenario says @C, %s wrk threads, batch of %s."
                        + " Database: %s. Commit %s. Machine: %d cores, load generator and servers on the same cores over 127.0.0.1.%n%n",
                n, arg(args, "seed"), deep, arg(args, "warmup"), arg(args, "duration"), arg(args, "connections"),
                arg(args, "threads"), arg(args, "batch-size"), arg(args, "db"), arg(args, "commit"),
                Runtime.getRuntime().availableProcessors()));
        md.append("| scenario | what | Breezeway /s | p50 / p95 / p99 ms | errors | server RSS peak MiB | baseline | ratio"
                + " | Keycloak /s | Keycloak p50 / p99 ms | Breezeway ÷ Keycloak |\n");
        md.append("|---|---|--:|--:|--:|--:|---|--:|--:|--:|--:|\n");
        for (Row row : ROWS) {
            Optional<Result> r = Optional.ofNullable(bz.get(row.scenario()));
            Optional<Result> base = Optional.ofNullable(bz.get(row.baseline()));
            Optional<Result> peer = Optional.ofNullable(kc.get(row.peer()));
            String what = row.what() + (row.peer().isEmpty() ? "" : "; Keycloak: " + PEER_WHAT.get(row.peer()));
            md.append("| ").append(row.scenario()).append(" | ").append(what).append(" | ");
            if (r.isEmpty()) {
                md.append("not run").append(" | | | | | | | | |\n");
                continue;
            }
            Result x = r.get();
            md.append(num(x.figure())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f / %.1f / %.1f", x.p50(), x.p95(), x.p99())).append(" | ")
                    .append(x.errors()).append(" of ").append(x.requests()).append(" | ")
                    .append(x.rssMib() > 0 ? String.valueOf(x.rssMib()) : "").append(" | ")
                    .append(row.baseline()).append(" | ")
                    .append(base.map(b -> ratioText(x.figure() / b.figure())).orElse("")).append(" | ")
                    .append(peer.map(p -> p.requests() == 0 ? "0 (none completed in " + p.seconds() + " s)" : num(p.figure()))
                            .orElse(row.peer().isEmpty() ? "" : "—")).append(" | ")
                    .append(peer.filter(p -> p.requests() > 0)
                            .map(p -> String.format(Locale.ROOT, "%.1f / %.1f", p.p50(), p.p99())).orElse("")).append(" | ")
                    .append(peer.filter(p -> p.requests() > 0)
                            .map(p -> String.format(Locale.ROOT, "%.1f×", x.figure() / p.figure())).orElse(""))
                    .append(" |\n");
        }
        for (Result extra : bz.values()) {
            if (ROWS.stream().noneMatch(r -> r.scenario().equals(extra.scenario()))) {
                md.append("| ").append(extra.scenario()).append(" | extra scenario (NAME@CONNECTIONS) | ").append(num(extra.figure()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.1f / %.1f / %.1f", extra.p50(), extra.p95(), extra.p99()))
                        .append(" | ").append(extra.errors()).append(" of ").append(extra.requests()).append(" | ")
                        .append(extra.rssMib()).append(" | | | | | |\n");
            }
        }
        md.append(ceilingNote);
        Optional<Result> kcRss = kc.values().stream().filter(x -> x.rssMib() > 0).max((a, b) -> Long.compare(a.rssMib(), b.rssMib()));
        kcRss.ifPresent(x -> md.append("\nKeycloak JVM RSS peak: ").append(x.rssMib()).append(" MiB.\n"));
        if (kc.isEmpty()) {
            md.append("\nKeycloak: not measured in this run (see bench/README.md, \"The peer\").\n");
        }

        md.append("\n## Targets of issue 7 against this run\n\n| target | measured | met |\n|---|---|---|\n");
        target(md, "principal-info ≥ 80 % of the storage ceiling", ratio(bz, "principal-info", bz, "storage-ceiling"), "×", v -> v >= 0.8);
        target(md, "(diagnosis) principal-info ÷ its own query's ceiling", ratio(bz, "principal-info", bz, "detail-ceiling"), "×", v -> v >= 0.8);
        target(md, "principal-info ≥ 3× Keycloak GET user by id", ratio(bz, "principal-info", kc, "kc-get-user"), "×", v -> v >= 3);
        target(md, "filter-like-name p95 ≤ 20 ms", Optional.ofNullable(bz.get("list-like")).map(Result::p95), " ms", v -> v <= 20);
        target(md, "deep page p50 within 2× of the first page's", Optional.ofNullable(bz.get("list-deep-page"))
                .flatMap(d -> Optional.ofNullable(bz.get("list-first-page")).map(f -> d.p50() / f.p50())), "×", v -> v <= 2);
        target(md, "JSON page 2,000 p50 within 1.5× of the first page's", Optional.ofNullable(bz.get("json-list-page-2000"))
                .flatMap(d -> Optional.ofNullable(bz.get("json-list-first")).map(f -> d.p50() / f.p50())), "×", v -> v <= 1.5);
        target(md, "batch create ≥ 5,000 principals/s", Optional.ofNullable(bz.get("batch-create")).map(Result::figure), "/s", v -> v >= 5000);
        target(md, "batch create ≥ 10× Keycloak's admin create", ratio(bz, "batch-create", kc, "kc-create"), "×", v -> v >= 10);
        target(md, "login ≥ 90 % of the login ceiling", ratio(bz, "login", bz, "login-ceiling"), "×", v -> v >= 0.9);
        target(md, "RSS ≤ 512 MB under 64 concurrent clients (mixed@64 peak)", Optional.ofNullable(bz.get("mixed@64"))
                .map(x -> x.rssMib() * 1024.0 * 1024 / 1e6), " MB", v -> v <= 512);
        md.append("\n## Targets of issue 23 against this run\n\n| target | measured | met |\n|---|---|---|\n");
        target(md, "JSON GET by id ≥ 0.9× principal-info (the same 10,000 users)", ratio(bz, "json-get-by-id", bz, "principal-info-10k"), "×", v -> v >= 0.9);
        target(md, "JSON first page ≥ 0.8× the XML first page", ratio(bz, "json-list-first", bz, "list-first-page"), "×", v -> v >= 0.8);
        target(md, "principal-info (10,000 users) ≥ 0.8× the storage ceiling", ratio(bz, "principal-info-10k", bz, "storage-ceiling"), "×", v -> v >= 0.8);
        target(md, "JSON GET by id ≥ 0.8× the storage ceiling", ratio(bz, "json-get-by-id", bz, "storage-ceiling"), "×", v -> v >= 0.8);
        target(md, "5,000-member page ≤ 10 µs a row (p50 at 1 connection ÷ 5,000)", Optional.ofNullable(bz.get("list-group-5000@1"))
                .map(x -> x.p50() * 1000 / 5000), " µs", v -> v <= 10);
        md.append("\nReproduce: `bench/run.sh --n ").append(n).append(" --seed ").append(arg(args, "seed"))
                .append(" --warmup ").append(arg(args, "warmup")).append(" --duration ").append(arg(args, "duration"))
                .append(" --connections ").append(arg(args, "connections")).append("` (see bench/README.md).\n");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md, StandardCharsets.UTF_8);
        System.out.print(md);
    }

    /**
     * When the login ceiling was measured right before and right after login, replaces the two by their
     * mean (login's baseline) and returns a line that shows both; otherwise returns "".
     */
    private static String bracketLoginCeiling(Map<String, Result> bz) {
        Result before = bz.get("login-ceiling");
        Result after = bz.remove("login-ceiling-after");
        if (before == null || after == null) {
            return "";
        }
        bz.put("login-ceiling", new Result("login-ceiling", before.requests() + after.requests(),
                before.seconds() + after.seconds(), (before.rps() + after.rps()) / 2, (before.p50() + after.p50()) / 2,
                (before.p95() + after.p95()) / 2, (before.p99() + after.p99()) / 2, before.errors() + after.errors(),
                before.items(), before.connections(), 0));
        return String.format(Locale.ROOT, "%nLogin ceiling: %s/s right before the login scenario and %s/s right after it;"
                + " the login-ceiling row and login's ratio use their mean, %s/s.%n",
                num(before.figure()), num(after.figure()), num((before.figure() + after.figure()) / 2));
    }

    private static String arg(String[] args, String name) {
        return BenchEnv.arg(args, name, "", "?");
    }

    private static Optional<Double> ratio(Map<String, Result> a, String x, Map<String, Result> b, String y) {
        return Optional.ofNullable(a.get(x)).flatMap(r -> Optional.ofNullable(b.get(y)).filter(s -> s.requests() > 0)
                .map(s -> r.figure() / s.figure()));
    }

    private static void target(StringBuilder md, String what, Optional<Double> value, String unit, DoublePredicate met) {
        md.append("| ").append(what).append(" | ");
        md.append(value.map(v -> String.format(Locale.ROOT, v >= 0.1 ? "%.2f%s | %s" : "%.3f%s | %s", v, unit,
                        met.test(v) ? "yes" : "**no**"))
                .orElse("not measured | ")).append(" |\n");
    }

    private static String ratioText(double v) {
        return String.format(Locale.ROOT, v >= 0.1 ? "%.2f×" : "%.3f×", v);
    }

    private static String num(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static Map<String, Result> read(Path file) throws IOException {
        Map<String, Result> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length < 10) {
                continue;
            }
            out.put(f[0], new Result(f[0], Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), Long.parseLong(f[7]),
                    Integer.parseInt(f[8]), f[9], f.length > 10 ? Long.parseLong(f[10].trim()) : 0));
        }
        return out;
    }
}
