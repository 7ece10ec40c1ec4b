package dev.breezeway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code breezeway_http_routes_seconds}: one timer (count, sum, percentile histogram) per JSON route
 * template, method and HTTP status. The route tag is the template the router matched
 * ({@code /resources/principals/{id}}), never the raw path, whose ids would make a series per object;
 * a path no route matches is {@link #UNMATCHED}, and a method outside the HTTP set is {@code OTHER}.
 */
public final class RouteMetrics {
    public static final String NAME = "breezeway_http_routes";
    public static final String UNMATCHED = "unmatched";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private record Key(String method, String route, int status) {
    }

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

    public RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records one request; {@code template} is the matched route's, or {@link #UNMATCHED}. */
    public void record(String method, String template, int status, long nanos) {
        Key key = new Key(METHODS.contains(method) ? method : "OTHER", template, status);
        Timer t = timers.get(key);
        if (t == null) {
            t = timers.computeIfAbsent(key, k -> Timer.builder(NAME)
                    .description("JSON API requests by method, route template and HTTP status")
                    .tag("method", k.method())
                    .tag("route", k.route())
                    .tag("status", Integer.toString(k.status()))
                    .publishPercentileHistogram()
                    .register(registry));
        }
        t.record(nanos, TimeUnit.NANOSECONDS);
    }
}
