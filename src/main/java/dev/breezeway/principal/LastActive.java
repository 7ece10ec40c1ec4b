package dev.breezeway.principal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each principal was last active, written behind the request: a login records its time here and
 * {@link #flush()} (the housekeeping thread, every second) writes all the times recorded since in a
 * few UPDATEs of up to {@value #CHUNK} principals. A login then costs the database one read and one
 * insert; its last-active time is in the table a second later at most. The times only move forward
 * ({@link PrincipalStore#touchLastActive(Map)}), so flushes of several nodes cannot undo each other;
 * a time whose flush fails is kept for the next one. A process that dies loses the last second's times.
 */
public final class LastActive {
    static final int CHUNK = 500;

    private final PrincipalStore store;
    private final ConcurrentHashMap<Long, Instant> pending = new ConcurrentHashMap<>();

    public LastActive(PrincipalStore store) {
        this.store = store;
    }

    /** Notes that {@code principalId} was active at {@code at}; the later of two times wins. */
    public void record(long principalId, Instant at) {
        pending.merge(principalId, at, LastActive::later);
    }

    /** Writes every recorded time; returns how many principals it wrote. */
    public synchronized int flush() {
        if (pending.isEmpty()) {
            return 0;
        }
        Map<Long, Instant> taken = new HashMap<>();
        for (Long id : List.copyOf(pending.keySet())) {
            Instant at = pending.remove(id);
            if (at != null) {
                taken.put(id, at);
            }
        }
        List<Map.Entry<Long, Instant>> entries = new ArrayList<>(taken.entrySet());
        entries.sort(Map.Entry.comparingByKey());  // primary-key order: concurrent flushes lock rows alike
        int written = 0;
        try {
            for (int from = 0; from < entries.size(); from += CHUNK) {
                Map<Long, Instant> chunk = new HashMap<>();
                for (Map.Entry<Long, Instant> e : entries.subList(from, Math.min(entries.size(), from + CHUNK))) {
                    chunk.put(e.getKey(), e.getValue());
                }
                store.touchLastActive(chunk);
                written += chunk.size();
                chunk.keySet().forEach(taken::remove);
            }
        } finally {
            taken.forEach(this::record);  // what was not written waits for the next flush
        }
        return written;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
