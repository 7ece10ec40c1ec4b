package dev.breezeway.field;

import java.util.Arrays;
import java.util.Optional;

/** How a custom field is edited, its {@code field-type}: {@code text}, {@code textarea} or {@code password}. */
public enum CustomFieldType {
    TEXT("text"),
    TEXTAREA("textarea"),
    PASSWORD("password");

    private final String wire;

    CustomFieldType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<CustomFieldType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}
