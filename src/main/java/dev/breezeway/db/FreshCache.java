package dev.breezeway.db;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * What was read from the database, kept in a bounded Caffeine cache for as long as it is still what the database
 * holds: an entry is used only while the node's {@link WriteGeneration} has not moved since its read began. Every
 * write through this node moves it at once, every write through another node within the change feed's bound
 * ({@link ChangeFeed}, {@code BREEZEWAY_CLUSTER_POLL_MILLIS}); {@code ttl} bounds what neither sees (an operator's
 * SQL). A read that overlapped a write is returned but not kept, so a stale read is never cached; nor is a read made
 * inside a transaction (it may see that transaction's own writes, which may yet be rolled back).
 *
 * @param <K> the key, e.g. a principal id
 * @param <V> what one read of it gives
 */
public final class FreshCache<K, V> {
    private record Entry<V>(long generation, V value) {
    }

    private final WriteGeneration writes;
    private final Cache<K, Entry<V>> entries;

    private FreshCache(WriteGeneration writes, Cache<K, Entry<V>> entries) {
        this.writes = writes;
        this.entries = entries;
    }

    /**
     * A cache of at most {@code maxEntries} (zero: no cache, every call reads), each kept at most {@code ttl}, whose
     * hits, misses and size are published as {@code cache.*} meters tagged {@code cache=name}.
     */
    public static <K, V> FreshCache<K, V> of(String name, WriteGeneration writes, long maxEntries, Duration ttl,
                                             MeterRegistry meters) {
        // Maintenance (eviction) on the calling thread: on the common pool, which has one thread on 2 cores, a
        // workload of mostly misses (principal-info over a million users) queued it behind every put and halved
        // the throughput (0.63x of the storage ceiling without the cache, 0.34x with it; 0.87x with this).
        Cache<K, Entry<V>> cache = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).recordStats()
                .executor(Runnable::run)
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, name);
        return new FreshCache<>(writes, cache);
    }

    /** The value of {@code key}: the kept one if nothing was written since it was read, else {@code read}'s. */
    public Optional<V> get(K key, Function<K, Optional<V>> read) {
        long generation = generation();  // noted before the read: a write during it keeps the result out
        Optional<V> kept = fresh(key);
        if (kept.isPresent()) {
            return kept;
        }
        Optional<V> v = read.apply(key);
        v.ifPresent(value -> keep(key, generation, value));
        return v;
    }

    /** The generation to note before a read whose results may be {@link #keep kept}. */
    public long generation() {
        return writes.current();
    }

    /** The kept value of {@code key}, if nothing was written since it was read. */
    public Optional<V> fresh(K key) {
        Entry<V> e = entries.getIfPresent(key);
        return e != null && e.generation() == writes.current() ? Optional.of(e.value()) : Optional.empty();
    }

    /**
     * Keeps what a read that began at {@code generation} gave, unless anything was written since or the read ran
     * inside a transaction.
     */
    public void keep(K key, long generation, V value) {
        if (writes.current() == generation && !writes.inTransactionOnThisThread()) {
            entries.put(key, new Entry<>(generation, value));
        }
    }
}
