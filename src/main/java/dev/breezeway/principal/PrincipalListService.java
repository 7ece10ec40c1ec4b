package dev.breezeway.principal;

import dev.breezeway.access.Authorizer;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.query.ListLimit;
import dev.breezeway.query.RowBudget;
import dev.breezeway.session.Session;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import org.jooq.DSLContext;

/**
 * Lists principals for any logged-in caller of the account. Without {@code filter-rows} a result
 * larger than the configured limit is refused with {@code operation-size-error} (the limit as
 * subcode), so clients page with {@code filter-rows}/{@code filter-start}; a page is at most the limit
 * (the rule of every list, {@link ListLimit}). Callers without {@code users:list} get pages of at most
 * {@value #PLAIN_PAGE} rows (or the limit if lower): {@code <status code="operation-size-error" subcode="1000"/>}.
 */
public final class PrincipalListService {
    private final PrincipalListStore store;
    /** The largest page of a caller without {@code users:list}. */
    public static final int PLAIN_PAGE = 1000;
    private final ListLimit limit;
    private final ListLimit plainLimit;
    private final Authorizer authz;

    public PrincipalListService(DSLContext db, int limit, Authorizer authz) {
        this.store = new PrincipalListStore(db);
        this.limit = new ListLimit(limit);
        this.plainLimit = new ListLimit(Math.min(limit, PLAIN_PAGE));
        this.authz = authz;
    }

    /** The page {@code q} asks for, its rows spent from the request's {@code budget} ({@link ListLimit}). */
    public List<PrincipalRow> list(Session caller, RowBudget budget, PrincipalQuery q) {
        OptionalInt rows = q.rows().map(OptionalInt::of).orElseGet(OptionalInt::empty);
        ListLimit l = authz.can(caller, PermissionCatalogue.USERS_LIST) ? limit : plainLimit;
        return l.checked(budget, rows, store.list(caller.accountId(), q, l.fetchSize(budget, rows)));
    }

    /**
     * report-bulk-users: the users of the list, or with {@code filter-type=…} the users and guests among
     * the types it names (so {@code filter-type=guest} lists the guests); never groups or API clients. The
     * filters, sorts, paging and size limit are those of {@link #list}.
     */
    public List<PrincipalRow> users(Session caller, RowBudget budget, PrincipalQuery q) {
        return list(caller, budget, q.withTypes(q.namesTypes() ? EnumSet.of(PrincipalType.USER, PrincipalType.GUEST)
                : EnumSet.of(PrincipalType.USER)));
    }
}
