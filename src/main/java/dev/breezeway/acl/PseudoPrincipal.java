package dev.breezeway.acl;

import java.util.Arrays;
import java.util.Optional;

/**
 * The two principals that are not rows of the principal table but can hold a permission, e.g.
 * {@code principal-id=public-access} (anyone with the URL) and {@code logged-in-access}.
 */
public enum PseudoPrincipal {
    LOGGED_IN_ACCESS("logged-in-access", "Logged in users"),
    PUBLIC_ACCESS("public-access", "Public access");

    private final String wire;
    private final String displayName;

    PseudoPrincipal(String wire, String displayName) {
        this.wire = wire;
        this.displayName = displayName;
    }

    public String wire() {
        return wire;
    }

    public String displayName() {
        return displayName;
    }

    public static Optional<PseudoPrincipal> fromWire(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire.equals(wire.strip())).findFirst();
    }
}
