package dev.breezeway.query;

import dev.breezeway.error.ApiException;

/**
 * The rows one request may still answer over all its lists: {@code BREEZEWAY_LIST_LIMIT} for the
 * request, shared by every list action of an {@code <actions>} batch, which hold their answers until
 * the reply is written. {@link ListLimit} consults it; a list that would go past it is refused with
 * {@code <status code="operation-size-error" subcode="LIMIT"/>}, as a list longer than the limit is.
 * One request runs on one thread, so the budget is not shared between threads.
 */
public final class RowBudget {
    private final int total;
    private int left;

    public RowBudget(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("a row budget is at least 1: " + total);
        }
        this.total = total;
        this.left = total;
    }

    /** A budget no list can exhaust, for callers outside a request (tools, tests). */
    public static RowBudget unlimited() {
        return new RowBudget(Integer.MAX_VALUE);
    }

    /** The rows the request may still answer. */
    public int left() {
        return left;
    }

    /**
     * Spends {@code rows}.
     *
     * @throws ApiException {@code operation-size-error} (the budget's total as subcode) if fewer are left
     */
    public void spend(int rows) {
        if (rows > left) {
            throw ApiException.operationSize(total);
        }
        left -= rows;
    }
}
