package dev.breezeway.acl;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A Breeze {@code permission-id}, e.g. {@code view} or {@code host}; see the API reference section 3.4. */
public enum PermissionId {
    VIEW("view"),
    HOST("host"),
    MINI_HOST("mini-host"),
    REMOVE("remove"),
    PUBLISH("publish"),
    MANAGE("manage"),
    DENIED("denied"),
    VIEW_HIDDEN("view-hidden"),
    VIEW_ONLY("view-only"),
    VIEW_DENIED("view-denied");

    private final String wire;

    PermissionId(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The permission named {@code wire}, ignoring case (real data shows {@code Publish}). */
    public static Optional<PermissionId> fromWire(String wire) {
        String w = wire.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.wire.equals(w)).findFirst();
    }
}
