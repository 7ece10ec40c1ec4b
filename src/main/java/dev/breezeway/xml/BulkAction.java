package dev.breezeway.xml;

import dev.breezeway.error.ApiException;
import java.util.List;
import java.util.Optional;

/**
 * An action whose calls a batch may write together, e.g. 100 {@code principal-update} creates as one
 * multi-row insert, with exactly the results {@link #handle} would give run on each call in turn.
 *
 * @param <P> a call read and checked, ready to be written with others
 */
public interface BulkAction<P> extends Action {

    /** What one call came to: the reply {@link #handle} would give, or the failure it would throw. */
    record Outcome(Optional<Results> ok, Optional<ApiException> failure) {
    }

    /**
     * Reads and checks {@code call} as {@link #handle} does before it writes anything, and throws the
     * same {@link ApiException} for a call {@code handle} would refuse there; empty when the call must
     * run alone through {@code handle} (the whole batch then does). Writes nothing.
     */
    Optional<P> prepare(Call call);

    /**
     * Runs prepared calls of one batch and one caller (the batch groups consecutive calls by the session
     * each runs as) in order, as {@link #handle} would run them one after another, and answers one outcome
     * per call run: with {@code stopAtFirstFailure} the list ends at the first failure and nothing after it
     * is written.
     */
    List<Outcome> handleAll(List<P> calls, boolean stopAtFirstFailure);
}
