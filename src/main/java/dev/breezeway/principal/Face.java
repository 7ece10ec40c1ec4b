package dev.breezeway.principal;

import java.util.Arrays;
import java.util.Optional;

/**
 * The face a change comes through, for the rules that Adobe Connect and the modern seeds state
 * differently: each has its own login and password policy ({@code xml}: Adobe's defaults; {@code json}:
 * seed 000's), e.g. {@code account-policy-info&face=xml}.
 */
public enum Face {
    XML("xml"),
    JSON("json");

    private final String wire;

    Face(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Face> fromWire(String s) {
        return Arrays.stream(values()).filter(f -> f.wire.equalsIgnoreCase(s.strip())).findFirst();
    }
}
