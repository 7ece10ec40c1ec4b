package dev.breezeway.error;

/** The documented values of {@code <status code="…">}, e.g. {@code no-access}. */
public enum StatusCode {
    OK("ok"),
    INVALID("invalid"),
    NO_ACCESS("no-access"),
    NO_DATA("no-data"),
    TOO_MUCH_DATA("too-much-data"),
    OPERATION_SIZE_ERROR("operation-size-error"),
    INTERNAL_ERROR("internal-error");

    private final String wire;

    StatusCode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
