package dev.breezeway.error;

/** Why a parameter was refused: the {@code subcode} of an {@code <invalid>} element, e.g. {@code duplicate}. */
public enum InvalidSubcode {
    MISSING("missing"),
    DUPLICATE("duplicate"),
    FORMAT("format"),
    RANGE("range"),
    NO_SUCH_ITEM("no-such-item"),
    ILLEGAL_OPERATION("illegal-operation"),
    INVALID_TYPE("invalid-type"),
    /** A per-account limit is reached, e.g. a ninth custom field for one object type. */
    LIMIT_REACHED("limit-reached");

    private final String wire;

    InvalidSubcode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
