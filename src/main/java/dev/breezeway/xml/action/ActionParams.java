package dev.breezeway.xml.action;

import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.xml.Params;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Typed readers the field and permission actions need beyond {@link Params}' own, recording problems
 * on the same {@code Params}, e.g. {@code requiredEnum(p, "field-type", CustomFieldType::fromWire)}.
 */
final class ActionParams {
    private ActionParams() {
    }

    /** A value from a closed set; absent is {@code missing}, anything else outside the set {@code format}. */
    static <E> Optional<E> requiredEnum(Params p, String name, Function<String, Optional<E>> parse) {
        Optional<String> raw = text(p, name);
        if (raw.isEmpty()) {
            p.problem(Invalid.of(name, FieldType.ENUM, InvalidSubcode.MISSING));
            return Optional.empty();
        }
        return parsed(p, name, raw.get(), parse);
    }

    /** Like {@link #requiredEnum} but absence is fine. */
    static <E> Optional<E> optionalEnum(Params p, String name, Function<String, Optional<E>> parse) {
        return text(p, name).flatMap(raw -> parsed(p, name, raw, parse));
    }

    /** A boolean ({@code true/false/1/0}); absent is {@code missing}. */
    static Optional<Boolean> requiredBool(Params p, String name) {
        Optional<Boolean> b = p.optionalBool(name);
        if (b.isEmpty() && text(p, name).isEmpty()) {
            p.problem(Invalid.of(name, FieldType.BOOLEAN, InvalidSubcode.MISSING));
        }
        return b;
    }

    /** A non-negative integer; anything else is {@code format}. */
    static OptionalInt optionalCount(Params p, String name) {
        Optional<String> raw = text(p, name);
        if (raw.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(raw.get());
            if (n >= 0) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        p.problem(Invalid.of(name, FieldType.LONG, InvalidSubcode.FORMAT));
        return OptionalInt.empty();
    }

    /** A positive id as sent in a repeated group; malformed is {@code format}, absent {@code missing}. */
    static OptionalLong groupId(Params p, String name, Optional<String> raw) {
        Optional<String> v = raw.map(String::strip).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            p.problem(Invalid.of(name, FieldType.ID, InvalidSubcode.MISSING));
            return OptionalLong.empty();
        }
        OptionalLong id = positiveLong(v.get());
        if (id.isEmpty()) {
            p.problem(Invalid.of(name, FieldType.ID, InvalidSubcode.FORMAT));
        }
        return id;
    }

    /** A custom field id as clients send it: {@code 900000003} or {@code x-900000003}. */
    static OptionalLong customFieldId(String raw) {
        String s = raw.strip();
        return positiveLong(s.startsWith("x-") ? s.substring(2) : s);
    }

    static OptionalLong positiveLong(String s) {
        try {
            long n = Long.parseLong(s);
            return n > 0 ? OptionalLong.of(n) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<String> text(Params p, String name) {
        return p.first(name).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static <E> Optional<E> parsed(Params p, String name, String raw, Function<String, Optional<E>> parse) {
        Optional<E> e = parse.apply(raw);
        if (e.isEmpty()) {
            p.problem(Invalid.of(name, FieldType.ENUM, InvalidSubcode.FORMAT));
        }
        return e;
    }
}
