package dev.breezeway.field;

import java.util.Optional;

/**
 * A custom field definition, e.g. field 900000003 "Country" ({@code object-type-principal}, {@code text},
 * required) in account 1. Its id shares the numeric id space of accounts and principals.
 */
public record CustomField(long fieldId, long accountId, ObjectType objectType, String name, CustomFieldType fieldType,
                          String permissionId, boolean isRequired, boolean isPrimary, int displaySeq,
                          Optional<String> comments) {

    /** The only {@code permission-id} a custom field takes. */
    public static final String MANAGE = "manage";

    /** The element name of the field's value in principal-info, e.g. {@code x-900000003}. */
    public String elementName() {
        return "x-" + fieldId;
    }
}
