package dev.breezeway.xml.action;

import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.principal.ListField;
import dev.breezeway.principal.PrincipalQuery;
import dev.breezeway.xml.FilterParams;
import dev.breezeway.xml.Params;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the Breeze filter and sort grammar for principals, e.g. {@code filter-like-name=jo},
 * {@code filter-out-email=null}, {@code filter-gte-date-created=2024-05}, {@code sort1-name=desc}.
 * Unknown fields are {@code invalid} ({@code no-such-item} on the parameter), never ignored.
 */
final class PrincipalQueryParser {
    private static final String[] OPS = {"like-", "out-", "gte-", "lte-", "gt-", "lt-"};

    private PrincipalQueryParser() {
    }

    /**
     * @param principalIdIsMembership true for principal-list, where {@code principal-id} names the user
     *                                whose groups {@code filter-is-member} selects
     */
    static PrincipalQuery parse(Params p, boolean principalIdIsMembership) {
        List<PrincipalQuery.Filter> filters = new ArrayList<>();
        List<RankedSort> sorts = new ArrayList<>();
        int start = 0;
        Optional<Integer> rows = Optional.empty();
        Optional<Boolean> only = Optional.empty();
        java.util.Map<String, Integer> repeats = new java.util.HashMap<>();
        for (Params.Param param : p.entries()) {
            String name = param.name();
            String value = param.value().strip();
            if (name.equals("filter-rows")) {
                rows = Optional.of(positiveInt(p, name, value, 1));
            } else if (name.equals("filter-start")) {
                start = positiveInt(p, name, value, 0);
            } else if (name.equals("filter-is-member") || name.equals("filter-ismember")) {
                only = Params.parseBool(value);
                if (only.isEmpty()) {
                    p.problem(Invalid.of(name, FieldType.BOOLEAN, InvalidSubcode.FORMAT));
                }
            } else if (name.startsWith("filter-")) {
                // A filter repeats at most FilterParams.MAX_VALUES times: its values are one IN list.
                int n = repeats.merge(name, 1, Integer::sum);
                if (n == FilterParams.MAX_VALUES + 1) {
                    p.problem(Invalid.range(name, FieldType.STRING, 1, FilterParams.MAX_VALUES));
                }
                if (n <= FilterParams.MAX_VALUES) {
                    filter(p, name, value).ifPresent(filters::add);
                }
            } else if (name.startsWith("sort")) {
                sort(p, name, value).ifPresent(sorts::add);
            }
        }
        Optional<Long> groupId = p.optionalId("group-id");
        Optional<Long> memberId = principalIdIsMembership ? p.optionalId("principal-id") : Optional.empty();
        Optional<PrincipalQuery.Membership> membership = Optional.empty();
        if (groupId.isPresent() || memberId.isPresent()) {
            membership = Optional.of(new PrincipalQuery.Membership(groupId, groupId.isPresent() ? Optional.empty()
                    : memberId, only));
        } else if (only.isPresent() || filters.stream().anyMatch(f -> f.field() == ListField.IS_MEMBER)) {
            p.problem(Invalid.of("group-id", FieldType.ID, InvalidSubcode.MISSING));
        }
        p.throwIfInvalid();
        sorts.sort(Comparator.comparingInt(RankedSort::rank));
        return new PrincipalQuery(filters, sorts.stream().map(RankedSort::sort).toList(), start, rows, membership);
    }

    private record RankedSort(int rank, PrincipalQuery.Sort sort) {
    }

    private static Optional<PrincipalQuery.Filter> filter(Params p, String name, String value) {
        String rest = name.substring("filter-".length());
        PrincipalQuery.Op op = PrincipalQuery.Op.EQ;
        for (String prefix : OPS) {
            if (rest.startsWith(prefix) && ListField.fromWire(rest).isEmpty()) {
                op = PrincipalQuery.Op.valueOf(prefix.substring(0, prefix.length() - 1).toUpperCase(Locale.ROOT));
                rest = rest.substring(prefix.length());
                break;
            }
        }
        Optional<ListField> field = ListField.fromWire(rest);
        if (field.isEmpty()) {
            p.problem(Invalid.of(name, FieldType.STRING, InvalidSubcode.NO_SUCH_ITEM));
            return Optional.empty();
        }
        boolean dateOp = op == PrincipalQuery.Op.GT || op == PrincipalQuery.Op.LT || op == PrincipalQuery.Op.GTE
                || op == PrincipalQuery.Op.LTE;
        if (dateOp && field.get().kind() != ListField.Kind.DATE) {
            p.problem(Invalid.of(name, FieldType.STRING, InvalidSubcode.FORMAT));
            return Optional.empty();
        }
        if (op == PrincipalQuery.Op.OUT && value.equalsIgnoreCase("null")) {
            return Optional.of(new PrincipalQuery.Filter(field.get(), op, List.of(Optional.empty())));
        }
        if (op == PrincipalQuery.Op.LIKE) {
            return Optional.of(new PrincipalQuery.Filter(field.get(), op, List.of(Optional.of(value))));
        }
        PrincipalQuery.Op chosen = op;
        return typed(p, name, field.get(), value)
                .map(v -> new PrincipalQuery.Filter(field.get(), chosen, List.of(Optional.of(v))));
    }

    private static Optional<Object> typed(Params p, String name, ListField field, String value) {
        switch (field.kind()) {
            case ID -> {
                try {
                    return Optional.of(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    p.problem(Invalid.of(name, FieldType.ID, InvalidSubcode.FORMAT));
                    return Optional.empty();
                }
            }
            case BOOLEAN -> {
                Optional<Boolean> b = Params.parseBool(value);
                if (b.isEmpty()) {
                    p.problem(Invalid.of(name, FieldType.BOOLEAN, InvalidSubcode.FORMAT));
                }
                return b.map(x -> x);
            }
            case DATE -> {
                Optional<Instant> d = parseDate(value);
                if (d.isEmpty()) {
                    p.problem(Invalid.of(name, FieldType.DATE, InvalidSubcode.FORMAT));
                }
                return d.map(x -> x);
            }
            default -> {
                return Optional.of(value);
            }
        }
    }

    /** ISO 8601 or a prefix of it: {@code 2004}, {@code 2004-05}, {@code 2004-05-28}, {@code 2004-05-28T16:23:00.000+02:00}. */
    static Optional<Instant> parseDate(String s) {
        try {
            if (s.matches("\\d{4}")) {
                return Optional.of(LocalDate.of(Integer.parseInt(s), 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            if (s.matches("\\d{4}-\\d{2}")) {
                return Optional.of(YearMonth.parse(s).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return Optional.of(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            if (s.endsWith("Z") || s.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                String normal = s.matches(".*[+-]\\d{4}$") ? s.substring(0, s.length() - 2) + ":" + s.substring(s.length() - 2) : s;
                return Optional.of(OffsetDateTime.parse(normal).toInstant());
            }
            return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<RankedSort> sort(Params p, String name, String value) {
        int rank;
        String field;
        if (name.startsWith("sort-")) {
            rank = 0;
            field = name.substring(5);
        } else if (name.startsWith("sort1-")) {
            rank = 1;
            field = name.substring(6);
        } else if (name.startsWith("sort2-")) {
            rank = 2;
            field = name.substring(6);
        } else {
            return Optional.empty();
        }
        Optional<ListField> f = ListField.fromWire(field);
        if (f.isEmpty()) {
            p.problem(Invalid.of(name, FieldType.STRING, InvalidSubcode.NO_SUCH_ITEM));
            return Optional.empty();
        }
        String dir = value.toLowerCase(Locale.ROOT);
        if (!dir.equals("asc") && !dir.equals("desc")) {
            p.problem(Invalid.of(name, FieldType.STRING, InvalidSubcode.FORMAT));
            return Optional.empty();
        }
        return Optional.of(new RankedSort(rank, new PrincipalQuery.Sort(f.get(), dir.equals("asc"))));
    }

    private static int positiveInt(Params p, String name, String value, int min) {
        try {
            int v = Integer.parseInt(value);
            if (v < min) {
                p.problem(Invalid.range(name, FieldType.LONG, min, Integer.MAX_VALUE));
            }
            return Math.max(v, min);
        } catch (NumberFormatException e) {
            p.problem(Invalid.of(name, FieldType.LONG, InvalidSubcode.FORMAT));
            return min;
        }
    }
}
