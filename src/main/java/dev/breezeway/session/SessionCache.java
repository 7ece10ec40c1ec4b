package dev.breezeway.session;

import dev.breezeway.db.WriteGeneration;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Resolved sessions kept in memory for a short time, so a client's second request within
 * {@code ttl} costs no session query. An entry is dropped when anything was written through this
 * process since it was read ({@link WriteGeneration}: a logout, a suspension, a membership change, a
 * role change all invalidate at once, as does every create), and in any case after {@code ttl}, which
 * bounds how long a change made elsewhere (another node, an operator's SQL) can go unseen. The idle
 * timeout and fixed expiries are still checked on every hit by the caller. A TTL of zero turns it off.
 */
final class SessionCache {
    /** More entries than this and the cache starts afresh: it holds only what the last seconds used. */
    private static final int MAX_ENTRIES = 50_000;

    record Entry(long generation, long loadedAtNanos, SessionStore.Row row, Session session) {
    }

    private final ConcurrentHashMap<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();
    private final WriteGeneration writes;
    private final long ttlNanos;
    private final LongSupplier nanoTime;

    SessionCache(WriteGeneration writes, Duration ttl, LongSupplier nanoTime) {
        this.writes = writes;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    boolean enabled() {
        return ttlNanos > 0;
    }

    /** The generation to note before reading a session from the database. */
    long generation() {
        return writes.current();
    }

    /** The entry for this token hash, if nothing was written since it was read and it is younger than the TTL. */
    Optional<Entry> get(byte[] tokenHash) {
        if (!enabled()) {
            return Optional.empty();
        }
        ByteBuffer key = ByteBuffer.wrap(tokenHash);
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (e.generation() != writes.current() || nanoTime.getAsLong() - e.loadedAtNanos() >= ttlNanos) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e);
    }

    /** Keeps what was read at {@code generation} (noted before the read). */
    void put(byte[] tokenHash, long generation, SessionStore.Row row, Session session) {
        if (!enabled() || generation != writes.current()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(ByteBuffer.wrap(tokenHash.clone()), new Entry(generation, nanoTime.getAsLong(), row, session));
    }
}
