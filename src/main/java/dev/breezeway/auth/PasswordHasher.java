package dev.breezeway.auth;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

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
     * Each hash takes ~19 MiB and a core for tens of milliseconds: running more at once than there are
     * cores only adds memory (a login storm would otherwise hold 19 MiB per waiting request), not speed.
     */
    private final Semaphore slots = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

    public PasswordHasher() {
        this.dummyHash = hash("not-a-real-password-0");
    }

    public String hash(String password) {
        char[] chars = password.toCharArray();
        try {
            return limited(() -> argon2.hash(ITERATIONS, MEMORY_KIB, PARALLELISM, chars, StandardCharsets.UTF_8));
        } finally {
            argon2.wipeArray(chars);
        }
    }

    /** True if {@code password} matches {@code hash}; a malformed hash never matches. */
    public boolean verify(String password, String hash) {
        char[] chars = password.toCharArray();
        try {
            return limited(() -> {
                try {
                    return argon2.verify(hash, chars, StandardCharsets.UTF_8);
                } catch (RuntimeException e) {
                    return false;
                }
            });
        } finally {
            argon2.wipeArray(chars);
        }
    }

    private <T> T limited(Supplier<T> work) {
        slots.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    /** Spends the time of one verification, so unknown logins answer as slowly as wrong passwords. */
    public void verifyDummy(String password) {
        verify(password, dummyHash);
    }
}
