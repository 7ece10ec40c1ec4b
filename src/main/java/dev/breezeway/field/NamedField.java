package dev.breezeway.field;

import dev.breezeway.acl.AclKind;
import java.util.Arrays;
import java.util.Optional;

/**
 * A built-in ACL field with a name for its id, e.g. {@code first-name}: a principal's standard
 * fields, and {@code account-company} (the account's name) for an account. They are read through
 * acl-field-info/list and changed through principal-update, never through acl-field-update.
 */
public enum NamedField {
    FIRST_NAME("first-name", AclKind.PRINCIPAL),
    LAST_NAME("last-name", AclKind.PRINCIPAL),
    EMAIL("email", AclKind.PRINCIPAL),
    LOGIN("login", AclKind.PRINCIPAL),
    ACCOUNT_COMPANY("account-company", AclKind.ACCOUNT);

    private final String wire;
    private final AclKind kind;

    NamedField(String wire, AclKind kind) {
        this.wire = wire;
        this.kind = kind;
    }

    public String wire() {
        return wire;
    }

    public AclKind kind() {
        return kind;
    }

    public static Optional<NamedField> fromWire(String wire) {
        return Arrays.stream(values()).filter(f -> f.wire.equals(wire)).findFirst();
    }
}
