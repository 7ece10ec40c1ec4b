package dev.breezeway.query;

import java.util.List;
import java.util.OptionalInt;

/**
 * What a list request asks for, independent of any wire format: filters on named fields, sort keys
 * and a page, e.g. {@code name} equals "ada" or "bob", {@code type} is not "group", sorted by
 * {@code name} descending, rows 0 to 24. Values of one {@link Filter} OR together; filters AND together.
 */
public record ListQuery(List<Filter> filters, List<Sort> sorts, int start, OptionalInt rows) {

    /** How a filter compares a field with its values. */
    public enum Op {
        /** The field equals one of the values, ignoring case. */
        EQUALS,
        /** The field contains one of the values, ignoring case. */
        CONTAINS,
        /** The field equals none of the values; the value {@code null} excludes rows without the field. */
        NOT_EQUALS,
        GREATER,
        LESS,
        GREATER_OR_EQUAL,
        LESS_OR_EQUAL
    }

    /** One condition on one field, e.g. {@code permission-id} EQUALS {@code [host, mini-host]}. */
    public record Filter(String field, Op op, List<String> values) {
        public Filter {
            values = List.copyOf(values);
        }
    }

    /** One sort key, e.g. {@code name} descending. */
    public record Sort(String field, boolean ascending) {
    }

    public ListQuery {
        filters = List.copyOf(filters);
        sorts = List.copyOf(sorts);
    }

    /** No filter, no sort, every row. */
    public static ListQuery all() {
        return new ListQuery(List.of(), List.of(), 0, OptionalInt.empty());
    }
}
