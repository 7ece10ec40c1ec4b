package dev.breezeway.principal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A principal-list request in domain terms: filters (same field and operator OR-ed, others AND-ed),
 * sort keys, paging, and an optional membership relation that adds {@code is-member} to each row.
 */
public record PrincipalQuery(List<Filter> filters, List<Sort> sorts, int start, Optional<Integer> rows,
                             Optional<Membership> membership, Optional<CustomValue> customValue) {

    public PrincipalQuery(List<Filter> filters, List<Sort> sorts, int start, Optional<Integer> rows,
                          Optional<Membership> membership) {
        this(filters, sorts, start, rows, membership, Optional.empty());
    }

    /** principal-list-by-field: a custom field of the principal (any, or {@code fieldId}) holds {@code value}. */
    public record CustomValue(String value, Optional<Long> fieldId) {
    }

    public PrincipalQuery withCustomValue(CustomValue v) {
        return new PrincipalQuery(filters, sorts, start, rows, membership, Optional.of(v));
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
