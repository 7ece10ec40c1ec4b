package dev.breezeway.principal;

import dev.breezeway.query.ListLimit;
import dev.breezeway.session.Session;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import org.jooq.DSLContext;

/**
 * Lists principals for any logged-in caller of the account. Without {@code filter-rows} a result
 * larger than the configured limit is refused with {@code operation-size-error} (the limit as
 * subcode), so clients page with {@code filter-rows}/{@code filter-start}; a page is at most the limit
 * (the rule of every list, {@link ListLimit}).
 */
public final class PrincipalListService {
    private final PrincipalListStore store;
    private final ListLimit limit;

    public PrincipalListService(DSLContext db, int limit) {
        this.store = new PrincipalListStore(db);
        this.limit = new ListLimit(limit);
    }

    public List<PrincipalRow> list(Session caller, PrincipalQuery q) {
        OptionalInt rows = q.rows().map(OptionalInt::of).orElseGet(OptionalInt::empty);
        return limit.checked(rows, store.list(caller.accountId(), q, limit.fetchSize(rows)));
    }

    /**
     * report-bulk-users: the users of the list, or with {@code filter-type=…} the users and guests among
     * the types it names (so {@code filter-type=guest} lists the guests); never groups or API clients. The
     * filters, sorts, paging and size limit are those of {@link #list}.
     */
    public List<PrincipalRow> users(Session caller, PrincipalQuery q) {
        return list(caller, q.withTypes(q.namesTypes() ? EnumSet.of(PrincipalType.USER, PrincipalType.GUEST)
                : EnumSet.of(PrincipalType.USER)));
    }
}
