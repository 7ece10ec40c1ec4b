package dev.breezeway.bench;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.config.AppConfig;
import dev.breezeway.db.Database;
import dev.breezeway.principal.ListField;
import dev.breezeway.principal.PrincipalQuery;
import dev.breezeway.principal.PrincipalListStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The list-like query alone, without HTTP: {@code PrincipalListStore.list} with {@code filter-like-name=<term>}
 * and {@code filter-rows=50} for every term of {@code terms.txt}, one after another on one thread. A first
 * pass warms the JIT and the buffer pool; the second is measured and prints p50, p95, p99, max and the
 * slowest terms. Run it while no bench server holds the embedded database:
 * {@code java -cp "$CP" dev.breezeway.bench.TermQueries [--passes 2]}.
 */
public final class TermQueries {
    private TermQueries() {
    }

    public static void main(String[] args) throws Exception {
        int passes = Integer.parseInt(BenchEnv.arg(args, "passes", "BENCH_TERM_PASSES", "2"));
        List<String> terms = Files.readAllLines(BenchEnv.outDir().resolve("terms.txt")).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        AppConfig config = BenchEnv.appConfig(0);
        try (Database db = Database.open(config)) {
            long account = db.dsl().select(PRINCIPAL.ACCOUNT_ID).from(PRINCIPAL)
                    .where(PRINCIPAL.LOGIN.eq(BenchEnv.DEFAULT_ADMIN_LOGIN)).fetchSingle().value1();
            PrincipalListStore store = new PrincipalListStore(db.dsl());
            for (int pass = 1; pass <= passes; pass++) {
                long[] nanos = new long[terms.size()];
                int[] rows = new int[terms.size()];
                for (int i = 0; i < terms.size(); i++) {
                    PrincipalQuery q = new PrincipalQuery(
                            List.of(new PrincipalQuery.Filter(ListField.NAME, PrincipalQuery.Op.LIKE,
                                    List.of(Optional.of(terms.get(i))))),
                            List.of(), 0, Optional.of(50), Optional.empty());
                    long t0 = System.nanoTime();
                    rows[i] = store.list(account, q, 50).size();
                    nanos[i] = System.nanoTime() - t0;
                }
                report(pass, terms, nanos, rows);
            }
        }
    }

    private static void report(int pass, List<String> terms, long[] nanos, int[] rows) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("pass %d: %d terms, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms, total %.0f ms%n",
                pass, sorted.length, ms(pct(sorted, 50)), ms(pct(sorted, 95)), ms(pct(sorted, 99)),
                ms(sorted[sorted.length - 1]), ms(Arrays.stream(sorted).sum()));
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < nanos.length; i++) {
            idx.add(i);
        }
        idx.sort(Comparator.comparingLong(i -> -nanos[i]));
        for (int i : idx.subList(0, Math.min(8, idx.size()))) {
            System.out.printf("  %-8s %7.2f ms  %d rows%n", terms.get(i), ms(nanos[i]), rows[i]);
        }
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
