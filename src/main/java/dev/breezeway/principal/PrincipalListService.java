package dev.breezeway.principal;

import dev.breezeway.error.ApiException;
import dev.breezeway.session.Session;
import java.util.EnumSet;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Lists principals for any logged-in caller of the account. Without {@code filter-rows} a result
 * larger than the configured limit is refused with {@code operation-size-error} (the limit as
 * subcode), so clients page with {@code filter-rows}/{@code filter-start}; a page is at most the limit.
 */
public final class PrincipalListService {
    private final PrincipalListStore store;
    private final int limit;

    public PrincipalListService(DSLContext db, int limit) {
        this.store = new PrincipalListStore(db);
        this.limit = limit;
    }

    public List<PrincipalRow> list(Session caller, PrincipalQuery q) {
        if (q.rows().isPresent() && q.rows().get() > limit) {
            throw ApiException.operationSize(limit);
        }
        int max = q.rows().orElse(limit + 1);
        List<PrincipalRow> rows = store.list(caller.accountId(), q, max);
        if (q.rows().isEmpty() && rows.size() > limit) {
            throw ApiException.operationSize(limit);
        }
        return rows;
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
