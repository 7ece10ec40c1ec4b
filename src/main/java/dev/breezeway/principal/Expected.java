package dev.breezeway.principal;

import java.util.OptionalLong;

/**
 * The version a write to an existing principal expects, checked inside its UPDATE: a number
 * (JSON {@code If-Match: W/"7"}, XML {@code version=7}) or {@link #ANY} for the version the write reads.
 */
public record Expected(OptionalLong version) {
    public static final Expected ANY = new Expected(OptionalLong.empty());

    public static Expected of(long version) {
        return new Expected(OptionalLong.of(version));
    }

    /** The version to check: the one named, or {@code current} for {@link #ANY}. */
    public long or(long current) {
        return version.orElse(current);
    }
}
