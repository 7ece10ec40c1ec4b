package dev.breezeway.error;

/** The {@code type} attribute of an {@code <invalid>} element: the wire type of the offending parameter. */
public enum FieldType {
    ID("id"),
    LONG("long"),
    STRING("string"),
    BOOLEAN("boolean"),
    DATE("date"),
    ENUM("enum"),
    XML("xml");

    private final String wire;

    FieldType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
