package dev.breezeway.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Argon2id password hashes in PHC form ({@code $argon2id$v=19$m=19456,t=2,p=1$…}) with the OWASP
 * minimum parameters, computed by the reference C implementation (libargon2, bundled by argon2-jvm and
 * called through JNA). Verification reads the parameters from the stored hash, so raising them later
 * keeps old hashes valid; hashes written by earlier versions (password4j, the same PHC form) verify.
 *
 * <p>Why native: a hash's 19 MiB of working memory is malloc'd and freed by libargon2, outside the Java
 * heap. A pure-Java Argon2 allocates it as ~19,000 small arrays per hash, which a login storm turns into
 * a gigabyte per second of garbage that young collections copy and promote (issue 7: 59 full collections
 * in 30 s of logins); the C code is also about twice as fast per hash.
 */
public final class PasswordHasher {
    public static final int MEMORY_KIB = 19456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    private static final int OUTPUT_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, SALT_BYTES, OUTPUT_BYTES);
    private final String dummyHash;
    /**
     * Each hash takes ~19 MiB and a core for about 20 ms: running more at once than there are cores only
     * adds memory (a login storm would otherwise hold 19 MiB per waiting request), not speed. So hashes
     * run on one dedicated thread per core, and requests queue for them. Dedicated threads, not a
     * semaphore around the request threads: handing the hash to whichever of 16 request threads got the
     * permit cost 12-16 % of the hash rate (Argon2Ceiling on 2 cores: 105/s from 2 threads, 88-94/s from
     * 16 through a fair semaphore).
     */
    private final ExecutorService hashThreads = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), new HashThreads());

    private static final class HashThreads implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "argon2id-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        }
    }

    public PasswordHasher() {
        this.dummyHash = hash("not-a-real-password-0");
    }

    public String hash(String password) {
        return onHashThread(password, chars -> argon2.hash(ITERATIONS, MEMORY_KIB, PARALLELISM, chars, UTF_8));
    }

    /** True if {@code password} matches {@code hash}; a malformed hash never matches. */
    public boolean verify(String password, String hash) {
        return onHashThread(password, chars -> {
            try {
                return argon2.verify(hash, chars, UTF_8);
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /**
     * Runs {@code work} on the password's characters on a hash thread and waits for it, then wipes the
     * characters; an interrupt while waiting is kept for after the wait.
     */
    private <T> T onHashThread(String password, Function<char[], T> work) {
        char[] chars = password.toCharArray();
        Future<T> result = hashThreads.submit(() -> work.apply(chars));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            argon2.wipeArray(chars);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Spends the time of one verification, so unknown logins answer as slowly as wrong passwords. */
    public void verifyDummy(String password) {
        verify(password, dummyHash);
    }
}
