package dev.breezeway.session;

import dev.breezeway.principal.PrincipalType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A logged-in session as resolved from its token: who the caller is, e.g. principal 1000009
 * ({@code ada@example.com}, a user) in account 1. What it may do is the {@code Authorizer}'s answer,
 * memoized here ({@link #memo}) until the next write, so a request that never asks costs no query.
 */
public final class Session {
    private final long sessionId;
    private final long principalId;
    private final long accountId;
    private final PrincipalType type;
    private final String login;
    private final String name;
    private final boolean mustChangePassword;
    private final LongSupplier writeGeneration;
    private final ConcurrentHashMap<Class<?>, Memo> memos = new ConcurrentHashMap<>(4);

    private record Memo(long generation, Object value) {
    }

    /**
     * @param writeGeneration advances whenever anything is written, which makes every memo be computed again
     */
    public Session(long sessionId, long principalId, long accountId, PrincipalType type, String login, String name,
                   boolean mustChangePassword, LongSupplier writeGeneration) {
        this.sessionId = sessionId;
        this.principalId = principalId;
        this.accountId = accountId;
        this.type = type;
        this.login = login;
        this.name = name;
        this.mustChangePassword = mustChangePassword;
        this.writeGeneration = writeGeneration;
    }

    public long sessionId() {
        return sessionId;
    }

    public long principalId() {
        return principalId;
    }

    public long accountId() {
        return accountId;
    }

    public PrincipalType type() {
        return type;
    }

    public String login() {
        return login;
    }

    public String name() {
        return name;
    }

    /**
     * A value derived from this caller's rows (keyed by its type, e.g. the caller's grants), computed on
     * first use and again after any write through this process.
     */
    public <T> T memo(Class<T> key, Supplier<T> compute) {
        long generation = writeGeneration.getAsLong();
        Memo m = memos.get(key);
        if (m == null || m.generation() != generation) {
            m = new Memo(generation, compute.get());
            memos.put(key, m);
        }
        return key.cast(m.value());
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }
}
