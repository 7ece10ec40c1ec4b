package dev.breezeway.error;

import java.util.OptionalLong;

/**
 * One problem with one request field, e.g.
 * {@code <invalid field="login" type="string" subcode="range" min="1" max="60"/>}.
 */
public record Invalid(String field, FieldType type, InvalidSubcode subcode, OptionalLong min, OptionalLong max) {

    public static Invalid of(String field, FieldType type, InvalidSubcode subcode) {
        return new Invalid(field, type, subcode, OptionalLong.empty(), OptionalLong.empty());
    }

    public static Invalid range(String field, FieldType type, long min, long max) {
        return new Invalid(field, type, InvalidSubcode.RANGE, OptionalLong.of(min), OptionalLong.of(max));
    }
}
