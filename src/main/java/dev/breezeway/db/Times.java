package dev.breezeway.db;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Conversions for TIMESTAMP columns, which every connection reads and writes in UTC. */
public final class Times {
    private Times() {
    }

    public static Instant toInstant(LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC);
    }

    public static LocalDateTime toLocal(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
