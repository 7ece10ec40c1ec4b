package dev.breezeway.principal;

import java.util.Arrays;
import java.util.Optional;

/**
 * A field principal-list filters and sorts on: every attribute and element it returns, plus
 * {@code manager-id} and the dates, e.g. {@code filter-like-name}, {@code sort-principal-id=asc}.
 */
public enum ListField {
    PRINCIPAL_ID("principal-id", Kind.ID),
    ACCOUNT_ID("account-id", Kind.ID),
    TYPE("type", Kind.TEXT),
    HAS_CHILDREN("has-children", Kind.BOOLEAN),
    IS_PRIMARY("is-primary", Kind.BOOLEAN),
    IS_HIDDEN("is-hidden", Kind.BOOLEAN),
    IS_ECOMMERCE("is-ecommerce", Kind.BOOLEAN),
    TRAINING_GROUP_ID("training-group-id", Kind.TEXT),
    NAME("name", Kind.TEXT),
    LOGIN("login", Kind.TEXT),
    EMAIL("email", Kind.TEXT),
    DISPLAY_UID("display-uid", Kind.TEXT),
    DESCRIPTION("description", Kind.TEXT),
    IS_MEMBER("is-member", Kind.BOOLEAN),
    MANAGER_ID("manager-id", Kind.ID),
    DATE_CREATED("date-created", Kind.DATE),
    DATE_MODIFIED("date-modified", Kind.DATE);

    /** How values of the field are read and compared. */
    public enum Kind { ID, TEXT, BOOLEAN, DATE }

    private final String wire;
    private final Kind kind;

    ListField(String wire, Kind kind) {
        this.wire = wire;
        this.kind = kind;
    }

    public String wire() {
        return wire;
    }

    public Kind kind() {
        return kind;
    }

    /** The field named {@code wire}; {@code ismember} is accepted as the PHP client spells it. */
    public static Optional<ListField> fromWire(String wire) {
        if ("ismember".equals(wire)) {
            return Optional.of(IS_MEMBER);
        }
        return Arrays.stream(values()).filter(f -> f.wire.equals(wire)).findFirst();
    }
}
