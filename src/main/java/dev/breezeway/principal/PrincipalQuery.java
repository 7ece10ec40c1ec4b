package dev.breezeway.principal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A principal-list request in domain terms: filters (same field and operator OR-ed, others AND-ed),
 * sort keys, paging, and an optional membership relation that adds {@code is-member} to each row;
 * {@code types}, if not empty, keeps only rows of those types whatever the filters say.
 */
public record PrincipalQuery(List<Filter> filters, List<Sort> sorts, int start, Optional<Integer> rows,
                             Optional<Membership> membership, Optional<CustomValue> customValue,
                             Set<PrincipalType> types) {

    public PrincipalQuery {
        types = Set.copyOf(types);
    }

    public PrincipalQuery(List<Filter> filters, List<Sort> sorts, int start, Optional<Integer> rows,
                          Optional<Membership> membership) {
        this(filters, sorts, start, rows, membership, Optional.empty(), Set.of());
    }

    /** principal-list-by-field: a custom field of the principal (any, or {@code fieldId}) holds {@code value}. */
    public record CustomValue(String value, Optional<Long> fieldId) {
    }

    public PrincipalQuery withCustomValue(CustomValue v) {
        return new PrincipalQuery(filters, sorts, start, rows, membership, Optional.of(v), types);
    }

    /** The same request over rows of {@code only} these types (report-bulk-users: people, never groups). */
    public PrincipalQuery withTypes(Set<PrincipalType> only) {
        return new PrincipalQuery(filters, sorts, start, rows, membership, customValue, only);
    }

    /** True if a {@code filter-type=…} (equality on the type) is among the filters. */
    public boolean namesTypes() {
        return filters.stream().anyMatch(f -> f.field() == ListField.TYPE && f.op() == Op.EQ);
    }

    /** How a filter compares. */
    public enum Op { EQ, LIKE, OUT, GT, LT, GTE, LTE }

    /** One filter, its values already typed for the field: Long, String, Boolean or Instant; empty = null. */
    public record Filter(ListField field, Op op, List<Optional<Object>> values) {
    }

    /** One sort key. */
    public record Sort(ListField field, boolean ascending) {
    }

    /**
     * {@code group-id=G}: is each row a member of G; or {@code principal-id=P}: is P a member of each
     * row. {@code only} restricts rows to members (true) or non-members (false).
     */
    public record Membership(Optional<Long> groupId, Optional<Long> memberId, Optional<Boolean> only) {
    }

    /** Typed instant helper for date filters. */
    public static Optional<Object> date(Instant i) {
        return Optional.of(i);
    }
}
