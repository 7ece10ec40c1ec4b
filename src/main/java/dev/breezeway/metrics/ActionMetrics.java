package dev.breezeway.metrics;

import dev.breezeway.error.StatusCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code breezeway_xml_actions_seconds}: one timer (count, sum, percentile histogram) per XML action and
 * Breeze status code ({@code ok}, {@code no-access}, {@code invalid} …). The action tag is one of the
 * names in the action table, {@link #BATCH} or {@link #UNKNOWN}: a caller choosing the action name must
 * not be able to create series. The timers of a name are held in an array by status, made on first
 * use, so a request costs one map lookup and {@code Timer.record}.
 */
public final class ActionMetrics {
    public static final String NAME = "breezeway_xml_actions";
    /** The tag of a request that names no action in the table (or none at all). */
    public static final String UNKNOWN = "unknown";
    /** The tag of a batch request ({@code <actions>} body), timed as a whole. */
    public static final String BATCH = "batch";

    private final MeterRegistry registry;
    /** Action name → timers indexed by {@link StatusCode#ordinal()}; fixed after construction. */
    private final Map<String, AtomicReferenceArray<Timer>> timers = new HashMap<>();

    public ActionMetrics(MeterRegistry registry, Collection<String> actionNames) {
        this.registry = registry;
        for (String name : actionNames) {
            timers.put(name, new AtomicReferenceArray<>(StatusCode.values().length));
        }
        timers.put(BATCH, new AtomicReferenceArray<>(StatusCode.values().length));
        timers.put(UNKNOWN, new AtomicReferenceArray<>(StatusCode.values().length));
    }

    /** The action's tag value: its name if the table has it, else {@link #UNKNOWN}. */
    public String tag(String action) {
        return timers.containsKey(action) ? action : UNKNOWN;
    }

    /** Records one request of {@code tag} (from {@link #tag}) that ended with {@code status}. */
    public void record(String tag, StatusCode status, long nanos) {
        AtomicReferenceArray<Timer> byStatus = timers.getOrDefault(tag, timers.get(UNKNOWN));
        Timer t = byStatus.get(status.ordinal());
        if (t == null) {
            t = Timer.builder(NAME)
                    .description("XML API requests by action and Breeze status code")
                    .tag("action", timers.containsKey(tag) ? tag : UNKNOWN)
                    .tag("status", status.wire())
                    .publishPercentileHistogram()
                    .register(registry);  // the registry answers the same timer to a racing thread
            byStatus.set(status.ordinal(), t);
        }
        t.record(nanos, TimeUnit.NANOSECONDS);
    }
}
