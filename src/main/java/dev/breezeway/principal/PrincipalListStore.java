package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The Breeze list of principals ({@code principal-list}): one page of an account's listed principals
 * through the filter and sort grammar, a first page read at once, later pages by a deferred join, deep
 * pages of the plain list from their block of ids, e.g. {@code filter-start=900000&filter-rows=50}.
 */
public final class PrincipalListStore {
    /** The columns a list row shows ({@link PrincipalRow}); a list never reads a whole row. */
    private static final List<Field<?>> LIST_COLUMNS = List.of(PRINCIPAL.PRINCIPAL_ID, PRINCIPAL.ACCOUNT_ID,
            PRINCIPAL.TYPE, PRINCIPAL.LOGIN, PRINCIPAL.NAME, PRINCIPAL.EMAIL, PRINCIPAL.DESCRIPTION,
            PRINCIPAL.IS_PRIMARY, PRINCIPAL.IS_HIDDEN);

    private final DSLContext db;
    private final PrincipalPositions positions;

    public PrincipalListStore(DSLContext db) {
        this.db = db;
        this.positions = new PrincipalPositions(db);
    }

    /**
     * The principals of an account matching {@code q}, at most {@code max} rows. A page past the first
     * is a deferred join: the offset is counted over principal ids alone (from ix_principal_account_listed
     * when nothing else filters), and only the page's rows are then read whole. The order ends in the
     * principal id, so both selects put the same rows in the same order. A deep page of the plain list
     * in id order first jumps to its block of ids ({@link PrincipalPositions}).
     */
    public List<PrincipalRow> list(long accountId, PrincipalQuery q, int max) {
        PrincipalListSql sql = new PrincipalListSql(q);
        Condition where = PRINCIPAL.ACCOUNT_ID.eq(accountId).and(PrincipalStore.LISTED).and(sql.condition());
        if (q.start() == 0) {
            return fetch(q, sql, firstRows(db, sql, where, max));
        }
        if (q.start() < PrincipalPositions.BLOCK || !plainListInIdOrder(q)) {
            return fetch(q, sql, page(db, sql, where, q.start(), max));
        }
        // One transaction, so the block counts and the page come from one snapshot.
        DeepPage deep = db.transactionResult(() -> {
            PrincipalPositions.Start s = positions.locate(db, accountId, q.start());
            Condition from = where.and(PRINCIPAL.PRINCIPAL_ID.ge(s.fromId()));
            // Nothing to skip (a block without holes): the page's rows are the first from there.
            return new DeepPage(fetch(q, sql, s.skip() == 0 ? firstRows(db, sql, from, max)
                    : page(db, sql, from, s.skip(), max)), s.skip());
        });
        if (deep.skipped() > 2 * PrincipalPositions.BLOCK) {
            // Many rows past the sealed blocks were counted: seal them for the next deep page.
            positions.sealSoon(accountId);
        }
        return deep.rows();
    }

    private record DeepPage(List<PrincipalRow> rows, long skipped) {
    }

    /** The plain list: every listed principal of the account, in principal-id order. */
    private static boolean plainListInIdOrder(PrincipalQuery q) {
        return q.filters().isEmpty() && q.customValue().isEmpty() && q.membership().isEmpty() && q.types().isEmpty()
                && q.sorts().stream().allMatch(s -> s.field() == ListField.PRINCIPAL_ID && s.ascending());
    }

    /** The first {@code max} rows of the list, read whole at once. */
    private static ResultQuery<Record> firstRows(DSLContext dsl, PrincipalListSql sql, Condition where, int max) {
        return dsl.select(LIST_COLUMNS).select(sql.isMemberField()).from(PRINCIPAL).where(where)
                .orderBy(sql.orderBy()).limit(max);
    }

    /** Rows {@code offset} to {@code offset + max} of the list, by a deferred join. */
    private static ResultQuery<Record> page(DSLContext dsl, PrincipalListSql sql, Condition where, long offset, int max) {
        // is_member rides along because the order may name it; it is a constant without group-id.
        Table<Record2<Long, Boolean>> page = DSL.select(PRINCIPAL.PRINCIPAL_ID, sql.isMemberField()).from(PRINCIPAL)
                .where(where).orderBy(sql.orderBy()).limit(max).offset(offset).asTable("page");
        return dsl.select(LIST_COLUMNS).select(sql.isMemberField()).from(PRINCIPAL)
                .join(page).on(PRINCIPAL.PRINCIPAL_ID.eq(page.field(PRINCIPAL.PRINCIPAL_ID)))
                .orderBy(sql.orderBy());
    }

    /**
     * The rows of a list query ({@link #LIST_COLUMNS}, then is_member), read by position from the driver's result
     * set: jOOQ's records, filled and then read by field, cost more than the rest of a 5,000-row page's reading.
     */
    private static List<PrincipalRow> fetch(PrincipalQuery q, PrincipalListSql sql, ResultQuery<Record> query) {
        boolean membership = q.membership().isPresent();
        List<PrincipalRow> out = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = query.fetchResultSet()) {
            while (rs.next()) {
                out.add(new PrincipalRow(
                        rs.getLong(1),
                        rs.getLong(2),
                        PrincipalType.fromWire(rs.getString(3)).orElse(PrincipalType.GROUP),
                        Optional.ofNullable(rs.getString(4)),
                        rs.getString(5),
                        Optional.ofNullable(rs.getString(6)),
                        Optional.ofNullable(rs.getString(7)),
                        rs.getBoolean(8),
                        rs.getBoolean(9),
                        membership ? Optional.of(rs.getBoolean(10)) : Optional.empty()));
            }
        } catch (java.sql.SQLException e) {
            throw new org.jooq.exception.DataAccessException(e.getMessage(), e);
        }
        return out;
    }

}
