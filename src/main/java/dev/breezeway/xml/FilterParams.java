package dev.breezeway.xml;

import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.query.ListQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the Breeze filter and sort definitions of a list action into a {@link ListQuery}, e.g.
 * {@code filter-like-name=ada&filter-permission-id=host&filter-permission-id=view&sort-name=desc&filter-rows=25}.
 *
 * <p>Grammar: {@code filter[-like|-out|-gt|-lt|-gte|-lte]-FIELD=value}, {@code filter-rows=N},
 * {@code filter-start=N} (0-based), {@code sort[1|2]-FIELD=asc|desc}. Repeating a filter ORs its
 * values; different filters AND. A filter or sort on a field the action does not list, a sort
 * direction other than asc/desc, or a negative or non-numeric rows/start is an {@code <invalid>}
 * problem on that parameter (subcode {@code format}) rather than being ignored, so a client never
 * gets an unfiltered list it did not ask for.
 */
public final class FilterParams {
    /**
     * The most values one filter may repeat ({@code filter-login} 4,000 times cost MariaDB 5 s); more →
     * {@code <invalid field="filter-login" type="string" subcode="range" min="1" max="100"/>}.
     */
    public static final int MAX_VALUES = 100;
    private static final Map<String, ListQuery.Op> MODIFIERS = Map.of(
            "like-", ListQuery.Op.CONTAINS,
            "out-", ListQuery.Op.NOT_EQUALS,
            "gt-", ListQuery.Op.GREATER,
            "lt-", ListQuery.Op.LESS,
            "gte-", ListQuery.Op.GREATER_OR_EQUAL,
            "lte-", ListQuery.Op.LESS_OR_EQUAL);

    private FilterParams() {
    }

    /**
     * The list query in {@code params} over {@code fields} (the wire names the action allows);
     * problems are recorded on {@code params} for its {@link Params#throwIfInvalid()}.
     */
    public static ListQuery read(Params params, Set<String> fields) {
        Map<String, List<String>> filterValues = new LinkedHashMap<>();
        Map<String, ListQuery.Op> filterOps = new LinkedHashMap<>();
        Map<String, String> filterFields = new LinkedHashMap<>();
        List<ListQuery.Sort> primary = new ArrayList<>();
        List<ListQuery.Sort> secondary = new ArrayList<>();
        int start = 0;
        OptionalInt rows = OptionalInt.empty();
        for (Params.Param p : params.entries()) {
            String name = p.name();
            if (name.equals("filter-rows")) {
                rows = count(params, name, p.value());
            } else if (name.equals("filter-start")) {
                start = count(params, name, p.value()).orElse(0);
            } else if (name.startsWith("filter-")) {
                String rest = name.substring("filter-".length());
                ListQuery.Op op = ListQuery.Op.EQUALS;
                String field = rest;
                if (!fields.contains(rest)) {
                    for (Map.Entry<String, ListQuery.Op> m : MODIFIERS.entrySet()) {
                        if (rest.startsWith(m.getKey()) && fields.contains(rest.substring(m.getKey().length()))) {
                            op = m.getValue();
                            field = rest.substring(m.getKey().length());
                        }
                    }
                }
                if (!fields.contains(field)) {
                    params.problem(Invalid.of(name, FieldType.STRING, InvalidSubcode.NO_SUCH_ITEM));
                    continue;
                }
                filterValues.computeIfAbsent(name, k -> new ArrayList<>()).add(p.value());
                filterOps.put(name, op);
                filterFields.put(name, field);
            } else if (name.startsWith("sort-") || name.startsWith("sort1-") || name.startsWith("sort2-")) {
                String field = name.substring(name.indexOf('-') + 1);
                String dir = p.value().strip().toLowerCase(Locale.ROOT);
                if (!fields.contains(field)) {
                    params.problem(Invalid.of(name, FieldType.STRING, InvalidSubcode.NO_SUCH_ITEM));
                    continue;
                }
                if (!(dir.equals("asc") || dir.equals("desc"))) {
                    params.problem(Invalid.of(name, FieldType.STRING, InvalidSubcode.FORMAT));
                    continue;
                }
                (name.startsWith("sort2-") ? secondary : primary).add(new ListQuery.Sort(field, dir.equals("asc")));
            }
        }
        List<ListQuery.Filter> filters = new ArrayList<>();
        filterValues.forEach((name, values) -> {
            if (values.size() > MAX_VALUES) {
                params.problem(Invalid.range(name, FieldType.STRING, 1, MAX_VALUES));
                return;
            }
            filters.add(new ListQuery.Filter(filterFields.get(name), filterOps.get(name), values));
        });
        List<ListQuery.Sort> sorts = new ArrayList<>(primary);
        sorts.addAll(secondary);
        return new ListQuery(filters, sorts, start, rows);
    }

    /**
     * The page ({@code filter-start}, {@code filter-rows}) of a list that offers no filter or sort
     * field; a {@code filter-…} or {@code sort…} parameter is {@code no-such-item} as for any field an
     * action does not list.
     */
    public static ListQuery page(Params params) {
        return read(params, Set.of());
    }

    private static OptionalInt count(Params params, String name, String raw) {
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 0) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        params.problem(Invalid.of(name, FieldType.LONG, InvalidSubcode.FORMAT));
        return OptionalInt.empty();
    }
}
