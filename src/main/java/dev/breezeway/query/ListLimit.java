package dev.breezeway.query;

import dev.breezeway.error.ApiException;
import java.util.List;
import java.util.OptionalInt;

/**
 * The most rows one list answer holds ({@code BREEZEWAY_LIST_LIMIT}), shared by every list: a page of
 * more rows than the limit, or an unpaged result that would be longer, is refused with
 * {@code <status code="operation-size-error" subcode="10000"/>} rather than cut short, so a client pages
 * with {@code filter-rows} and {@code filter-start}. A list reads {@link #fetchSize} rows, one past the
 * limit when unpaged, and hands them to {@link #checked}.
 *
 * <p>Every list of one request also spends the request's {@link RowBudget}: the lists of one
 * {@code <actions>} batch together answer at most {@code BREEZEWAY_LIST_LIMIT} rows, and the list that
 * would go past it answers {@code operation-size-error} with that limit as subcode. A list reads at most
 * one row more than the budget has left, so the refused one holds no more than that either.
 */
public record ListLimit(int max) {

    public ListLimit {
        if (max < 1) {
            throw new IllegalArgumentException("a list limit is at least 1: " + max);
        }
    }

    /**
     * How many rows to read for a request of {@code rows} per page (empty: unpaged): the page, or one
     * more than the limit so that {@link #checked} can tell a result that exceeds it; either at most one
     * more than {@code budget} has left.
     *
     * @throws ApiException {@code operation-size-error} if the page asked for is larger than the limit
     */
    public int fetchSize(RowBudget budget, OptionalInt rows) {
        if (rows.isPresent() && rows.getAsInt() > max) {
            throw ApiException.operationSize(max);
        }
        int wanted = rows.orElse(max + 1);
        return (int) Math.min(wanted, (long) budget.left() + 1);
    }

    /**
     * The rows read for a request of {@code rows} per page, once checked and spent from {@code budget}.
     *
     * @throws ApiException {@code operation-size-error} if unpaged and more than the limit, or more than
     *                      the budget has left
     */
    public <T> List<T> checked(RowBudget budget, OptionalInt rows, List<T> read) {
        if (rows.isEmpty() && read.size() > max) {
            throw ApiException.operationSize(max);
        }
        budget.spend(read.size());
        return read;
    }

    /** {@code q} with the page a store should read, {@link #fetchSize} rows from {@code q.start()}. */
    public ListQuery bounded(RowBudget budget, ListQuery q) {
        return new ListQuery(q.filters(), q.sorts(), q.start(), OptionalInt.of(fetchSize(budget, q.rows())));
    }

    /** The rows a store read for {@link #bounded bounded(q)}, once {@link #checked}. */
    public <T> List<T> checked(RowBudget budget, ListQuery q, List<T> read) {
        return checked(budget, q.rows(), read);
    }

    /**
     * The page {@code q} asks for of a list read whole, once checked; for lists small by nature (the
     * sessions of one principal, the API clients of an account), whose stores do not page.
     */
    public <T> List<T> page(RowBudget budget, ListQuery q, List<T> all) {
        int rows = fetchSize(budget, q.rows());
        int from = Math.min(q.start(), all.size());
        return checked(budget, q, all.subList(from, (int) Math.min((long) from + rows, all.size())));
    }
}
