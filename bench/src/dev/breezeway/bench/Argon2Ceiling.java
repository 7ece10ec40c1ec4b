package dev.breezeway.bench;

import dev.breezeway.auth.PasswordHasher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The login ceiling: Argon2id verifications per second with the server's own {@link PasswordHasher}
 * (m=19456 KiB, t=2, p=1), one thread per core, after a warm-up. Prints one result line in the
 * driver's format: {@code RESULT login-ceiling requests seconds per-second p50-ms p95-ms p99-ms errors 1 threads}.
 *
 * <p>Run: {@code java -cp … dev.breezeway.bench.Argon2Ceiling --warmup 60 --duration 60}.
 */
public final class Argon2Ceiling {
    private Argon2Ceiling() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(BenchEnv.arg(args, "warmup", "BENCH_WARMUP", "60"));
        int duration = Integer.parseInt(BenchEnv.arg(args, "duration", "BENCH_DURATION", "60"));
        int threads = Integer.parseInt(BenchEnv.arg(args, "threads", "BENCH_ARGON2_THREADS",
                String.valueOf(Runtime.getRuntime().availableProcessors())));
        PasswordHasher hasher = new PasswordHasher();
        String hash = hasher.hash(Population.USER_PASSWORD);
        run(hasher, hash, threads, warmup);
        List<Long> nanos = run(hasher, hash, threads, duration);
        Collections.sort(nanos);
        double p50 = nanos.isEmpty() ? 0 : nanos.get(nanos.size() / 2) / 1e6;
        double p95 = nanos.isEmpty() ? 0 : nanos.get(Math.min(nanos.size() - 1, (int) (nanos.size() * 0.95))) / 1e6;
        double p99 = nanos.isEmpty() ? 0 : nanos.get(Math.min(nanos.size() - 1, (int) (nanos.size() * 0.99))) / 1e6;
        System.out.printf("RESULT\tlogin-ceiling\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t0\t1\t%d%n", nanos.size(), duration,
                nanos.size() / (double) duration, p50, p95, p99, threads);
    }

    /** Verifies the password on {@code threads} threads for {@code seconds}; the duration of each verification. */
    private static List<Long> run(PasswordHasher hasher, String hash, int threads, int seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<List<Long>> perThread = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Long> mine = new ArrayList<>();
            perThread.add(mine);
            Thread w = new Thread(() -> {
                while (!stop.get()) {
                    long s = System.nanoTime();
                    if (!hasher.verify(Population.USER_PASSWORD, hash)) {
                        throw new IllegalStateException("verification failed");
                    }
                    if (!stop.get()) {
                        mine.add(System.nanoTime() - s);
                    }
                }
            }, "argon2-" + t);
            workers.add(w);
            w.start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        List<Long> all = new ArrayList<>();
        perThread.forEach(all::addAll);
        return all;
    }
}
