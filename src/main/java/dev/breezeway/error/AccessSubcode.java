package dev.breezeway.error;

/** Why access was refused: the {@code subcode} of {@code <status code="no-access">}, e.g. {@code no-login}. */
public enum AccessSubcode {
    DENIED("denied"),
    NO_LOGIN("no-login"),
    ACCOUNT_EXPIRED("account-expired"),
    NO_QUOTA("no-quota"),
    NOT_AVAILABLE("not-available"),
    NOT_SECURE("not-secure"),
    PENDING_ACTIVATION("pending-activation"),
    PENDING_LICENSE("pending-license");

    private final String wire;

    AccessSubcode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
