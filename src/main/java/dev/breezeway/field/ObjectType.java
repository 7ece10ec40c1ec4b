package dev.breezeway.field;

import dev.breezeway.acl.AclKind;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kind of object a custom field describes, e.g. {@code object-type-principal}. Read-only fields
 * are principal fields that only the API may set.
 */
public enum ObjectType {
    PRINCIPAL("object-type-principal"),
    MEETING("object-type-meeting"),
    SCO("object-type-sco"),
    EVENT("object-type-event"),
    READ_ONLY("object-type-read-only");

    private final String wire;

    ObjectType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** True if objects of {@code kind} can hold values of fields of this type (principals: principal and read-only fields). */
    public boolean appliesTo(AclKind kind) {
        return kind == AclKind.PRINCIPAL && (this == PRINCIPAL || this == READ_ONLY);
    }

    public static Optional<ObjectType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}
