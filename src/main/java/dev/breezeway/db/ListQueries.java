package dev.breezeway.db;

import dev.breezeway.query.ListQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectLimitStep;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Turns a {@link ListQuery} into jOOQ conditions and sort fields over the columns a store declares
 * filterable, e.g. {@code "name" → text(PRINCIPAL.NAME)}. Text compares ignoring case; a value that
 * cannot be a number or boolean for a numeric or boolean column matches nothing.
 */
public final class ListQueries {
    private ListQueries() {
    }

    /** A filterable, sortable column and how its values are compared. */
    public sealed interface Column {
        Field<?> field();
    }

    public record Text(Field<String> field) implements Column {
    }

    public record Num(Field<Long> field) implements Column {
    }

    public record Bool(Field<Boolean> field) implements Column {
    }

    public static Column text(Field<String> f) {
        return new Text(f);
    }

    public static Column number(Field<? extends Number> f) {
        return new Num(f.coerce(Long.class));
    }

    public static Column bool(Field<Boolean> f) {
        return new Bool(f);
    }

    /** The AND of every filter of {@code q}; each filter's field must be a key of {@code columns}. */
    public static Condition where(ListQuery q, Map<String, Column> columns) {
        Condition all = DSL.noCondition();
        for (ListQuery.Filter f : q.filters()) {
            all = all.and(condition(column(columns, f.field()), f));
        }
        return all;
    }

    /** The sort keys of {@code q}, then {@code tieBreakers} so that paging is stable. */
    public static List<SortField<?>> orderBy(ListQuery q, Map<String, Column> columns, SortField<?>... tieBreakers) {
        List<SortField<?>> out = new ArrayList<>();
        for (ListQuery.Sort s : q.sorts()) {
            Field<?> f = column(columns, s.field()).field();
            out.add(s.ascending() ? f.asc() : f.desc());
        }
        out.addAll(List.of(tieBreakers));
        return out;
    }

    /** Applies {@code filter-start} and {@code filter-rows} to a select. */
    public static <R extends Record> Select<R> page(SelectLimitStep<R> select, ListQuery q) {
        if (q.rows().isPresent()) {
            return select.limit(q.rows().getAsInt()).offset(q.start());
        }
        return q.start() > 0 ? select.offset(q.start()) : select;
    }

    private static Column column(Map<String, Column> columns, String name) {
        Column c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("not a filterable field: " + name);
        }
        return c;
    }

    private static Condition condition(Column c, ListQuery.Filter f) {
        if (f.op() == ListQuery.Op.NOT_EQUALS) {
            Condition none = DSL.noCondition();
            for (String v : f.values()) {
                none = none.and("null".equalsIgnoreCase(v.strip())
                        ? c.field().isNotNull()
                        : c.field().isNull().or(DSL.not(compare(c, ListQuery.Op.EQUALS, v))));
            }
            return none;
        }
        Condition any = DSL.falseCondition();
        for (String v : f.values()) {
            any = any.or(compare(c, f.op(), v));
        }
        return any;
    }

    private static Condition compare(Column c, ListQuery.Op op, String raw) {
        String v = raw.strip();
        if (c instanceof Text t) {
            Field<String> lower = DSL.lower(t.field());
            String lv = v.toLowerCase(Locale.ROOT);
            return switch (op) {
                case EQUALS, NOT_EQUALS -> t.field().equalIgnoreCase(v);
                case CONTAINS -> t.field().containsIgnoreCase(v);
                case GREATER -> lower.gt(lv);
                case LESS -> lower.lt(lv);
                case GREATER_OR_EQUAL -> lower.ge(lv);
                case LESS_OR_EQUAL -> lower.le(lv);
            };
        }
        if (c instanceof Num n) {
            Optional<Long> x = parseLong(v);
            if (x.isEmpty()) {
                return DSL.falseCondition();
            }
            long y = x.get();
            return switch (op) {
                case EQUALS, NOT_EQUALS -> n.field().eq(y);
                case CONTAINS -> n.field().cast(String.class).contains(Long.toString(y));
                case GREATER -> n.field().gt(y);
                case LESS -> n.field().lt(y);
                case GREATER_OR_EQUAL -> n.field().ge(y);
                case LESS_OR_EQUAL -> n.field().le(y);
            };
        }
        Bool b = (Bool) c;
        Optional<Boolean> x = parseBool(v);
        if (x.isEmpty()) {
            return DSL.falseCondition();
        }
        return switch (op) {
            case EQUALS, NOT_EQUALS, CONTAINS -> b.field().eq(x.get());
            default -> DSL.falseCondition();
        };
    }

    private static Optional<Long> parseLong(String v) {
        try {
            return Optional.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Boolean> parseBool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> Optional.of(true);
            case "0", "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
