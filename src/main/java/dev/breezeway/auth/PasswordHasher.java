package dev.breezeway.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Argon2id password hashes in PHC form ({@code $argon2id$v=19$m=19456,t=2,p=1$…}) through password4j,
 * with the OWASP minimum parameters. Verification reads the parameters from the stored hash, so
 * raising them later keeps old hashes valid.
 */
public final class PasswordHasher {
    public static final int MEMORY_KIB = 19456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    private static final int OUTPUT_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final Argon2Function function =
            Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, OUTPUT_BYTES, Argon2.ID);
    private final String dummyHash;
    /**
     * Each hash takes ~19 MiB and a core for tens of milliseconds: running more at once than there are
     * cores only adds memory (a login storm would otherwise grow the heap by gigabytes), not speed.
     */
    private final Semaphore slots = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

    public PasswordHasher() {
        this.dummyHash = hash("not-a-real-password-0");
    }

    public String hash(String password) {
        return limited(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(function).getResult());
    }

    /** True if {@code password} matches {@code hash}; a malformed hash never matches. */
    public boolean verify(String password, String hash) {
        return limited(() -> {
            try {
                return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
            } catch (RuntimeException e) {
                return false;
            }
        });
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
