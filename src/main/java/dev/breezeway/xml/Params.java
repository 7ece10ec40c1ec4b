package dev.breezeway.xml;

import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The request parameters of one call, in arrival order (query string first, then body), read only
 * through typed accessors named by wire names, e.g. {@code requiredText("login", 1, 60)}. Accessors
 * collect problems instead of throwing, so one reply can list several {@code <invalid>} children;
 * a handler calls {@link #throwIfInvalid()} once it has read what it needs.
 */
public final class Params {
    /** One name/value pair as it arrived. */
    public record Param(String name, String value) {
    }

    private final List<Param> entries;
    private final List<Invalid> problems = new ArrayList<>();

    public Params(List<Param> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Params of(String... namesAndValues) {
        List<Param> list = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            list.add(new Param(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new Params(list);
    }

    public List<Param> entries() {
        return entries;
    }

    /** The first value of {@code name}, as sent (possibly empty). */
    public Optional<String> first(String name) {
        for (Param p : entries) {
            if (p.name().equals(name)) {
                return Optional.of(p.value());
            }
        }
        return Optional.empty();
    }

    /** Every value of {@code name}, in order. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (Param p : entries) {
            if (p.name().equals(name)) {
                out.add(p.value());
            }
        }
        return out;
    }

    public boolean has(String name) {
        return first(name).isPresent();
    }

    /** A text value if present and not blank; a length outside {@code min..max} is a {@code range} problem. */
    public Optional<String> optionalText(String name, int min, int max) {
        Optional<String> v = first(name).map(String::strip).filter(s -> !s.isEmpty());
        v.ifPresent(s -> checkLength(name, s, min, max));
        return v;
    }

    /** How a required text value that was sent blank is reported; one never sent is always {@code missing}. */
    public enum Blank {
        /** As if it had not been sent: {@code missing}. */
        MISSING,
        /** Its length 0 is below the minimum: {@code range} with the bounds. */
        RANGE,
        /** {@code range} with the bounds, then {@code missing}. */
        RANGE_THEN_MISSING
    }

    /** A required text value; absence or blankness is a {@code missing} problem and yields "". */
    public String requiredText(String name, int min, int max) {
        return requiredText(name, min, max, Blank.MISSING);
    }

    /**
     * A required text value; absence is a {@code missing} problem, blankness one reported as {@code blank}
     * says, e.g. {@code first-name=} with {@link Blank#RANGE} gives
     * {@code <invalid field="first-name" type="string" subcode="range" min="1" max="254"/>}. Yields "" then.
     */
    public String requiredText(String name, int min, int max, Blank blank) {
        boolean sentBlank = first(name).map(String::isBlank).orElse(false);
        if (sentBlank && blank != Blank.MISSING && min > 0) {
            problem(Invalid.range(name, FieldType.STRING, min, max));
            if (blank == Blank.RANGE_THEN_MISSING) {
                problem(Invalid.of(name, FieldType.STRING, InvalidSubcode.MISSING));
            }
            return "";
        }
        Optional<String> v = optionalText(name, min, max);
        if (v.isEmpty()) {
            problem(Invalid.of(name, FieldType.STRING, InvalidSubcode.MISSING));
        }
        return v.orElse("");
    }

    /**
     * A required value of a closed set, read by {@code fromWire}, e.g. {@code type=user}: absent or blank is
     * {@code missing}, a value outside the set {@code format}, both {@code type="enum"}.
     */
    public <T> Optional<T> requiredEnum(String name, Function<String, Optional<T>> fromWire) {
        Optional<String> v = first(name).map(String::strip).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            problem(Invalid.of(name, FieldType.ENUM, InvalidSubcode.MISSING));
            return Optional.empty();
        }
        Optional<T> value = fromWire.apply(v.get());
        if (value.isEmpty()) {
            problem(Invalid.of(name, FieldType.ENUM, InvalidSubcode.FORMAT));
        }
        return value;
    }

    /** A text value kept exactly as sent (passwords), present if the parameter was sent at all. */
    public Optional<String> rawText(String name, int max) {
        Optional<String> v = first(name);
        v.ifPresent(s -> {
            if (s.length() > max) {
                problem(Invalid.range(name, FieldType.STRING, 0, max));
            }
        });
        return v;
    }

    public Optional<Long> optionalId(String name) {
        Optional<String> v = first(name).map(String::strip).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return parseId(name, v.get());
    }

    /** A required numeric id; 0 is returned (and a problem recorded) when it is missing or malformed. */
    public long requiredId(String name) {
        Optional<String> v = first(name).map(String::strip).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            problem(Invalid.of(name, FieldType.ID, InvalidSubcode.MISSING));
            return 0;
        }
        return parseId(name, v.get()).orElse(0L);
    }

    /** Every value of a repeatable id parameter; none is a {@code missing} problem. */
    public List<Long> requiredIds(String name) {
        List<Long> ids = new ArrayList<>();
        for (String raw : all(name)) {
            parseId(name, raw.strip()).ifPresent(ids::add);
        }
        if (all(name).isEmpty()) {
            problem(Invalid.of(name, FieldType.ID, InvalidSubcode.MISSING));
        }
        return ids;
    }

    /** A boolean sent as {@code 1/0} or {@code true/false} in any case. */
    public Optional<Boolean> optionalBool(String name) {
        Optional<String> v = first(name).map(String::strip).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Optional<Boolean> b = parseBool(v.get());
        if (b.isEmpty()) {
            problem(Invalid.of(name, FieldType.BOOLEAN, InvalidSubcode.FORMAT));
        }
        return b;
    }

    public static Optional<Boolean> parseBool(String raw) {
        String s = raw.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "1", "true" -> Optional.of(true);
            case "0", "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    public void problem(Invalid invalid) {
        problems.add(invalid);
    }

    public List<Invalid> problems() {
        return List.copyOf(problems);
    }

    /** Throws {@code invalid} with every problem collected so far, if any. */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    private Optional<Long> parseId(String name, String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id <= 0) {
                problem(Invalid.of(name, FieldType.ID, InvalidSubcode.FORMAT));
                return Optional.empty();
            }
            return Optional.of(id);
        } catch (NumberFormatException e) {
            problem(Invalid.of(name, FieldType.ID, InvalidSubcode.FORMAT));
            return Optional.empty();
        }
    }

    private void checkLength(String name, String s, int min, int max) {
        int len = s.codePointCount(0, s.length());
        if (len < min || len > max) {
            problem(Invalid.range(name, FieldType.STRING, min, max));
        }
    }
}
