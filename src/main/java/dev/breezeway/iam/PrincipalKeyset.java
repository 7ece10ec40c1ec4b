package dev.breezeway.iam;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ROLE;

import dev.breezeway.db.gen.tables.records.PrincipalRecord;
import dev.breezeway.principal.Uuids;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Keyset pages over the principal list: rows are ordered by (sort value, principal id) and a page
 * continues strictly after (or before) the cursor row's pair, so pages neither repeat nor skip rows
 * while others are inserted, and a deep page costs what the first does.
 */
final class PrincipalKeyset {
    private static final LocalDateTime NEVER = LocalDateTime.of(1970, 1, 1, 0, 0);
    private final DSLContext db;

    PrincipalKeyset(DSLContext db) {
        this.db = db;
    }

    PageRows page(long accountId, ListRequest r, Map<String, List<String>> scope) {
        Condition where = filters(accountId, r, scope);
        long total = db.fetchCount(PRINCIPAL, where);
        Field<Object> key = sortKey(r.order());
        Optional<java.util.UUID> cursor = r.after().or(r::before);
        boolean forward = r.before().isEmpty();
        Condition page = DSL.noCondition();
        if (cursor.isPresent()) {
            Optional<Record1<Object>> anchor = db.select(key).from(PRINCIPAL)
                    .where(PRINCIPAL.UUID.eq(Uuids.toBytes(cursor.get())).and(PRINCIPAL.ACCOUNT_ID.eq(accountId)))
                    .fetchOptional();
            Optional<Long> anchorId = db.select(PRINCIPAL.PRINCIPAL_ID).from(PRINCIPAL)
                    .where(PRINCIPAL.UUID.eq(Uuids.toBytes(cursor.get()))).fetchOptional(Record1::value1);
            if (anchor.isEmpty() || anchorId.isEmpty()) {
                return new PageRows(List.of(), total, false);
            }
            Object v = anchor.get().value1();
            boolean greater = forward == r.ascending();
            page = greater
                    ? key.gt(v).or(key.eq(v).and(PRINCIPAL.PRINCIPAL_ID.gt(anchorId.get())))
                    : key.lt(v).or(key.eq(v).and(PRINCIPAL.PRINCIPAL_ID.lt(anchorId.get())));
        }
        boolean ascendingScan = forward == r.ascending();
        List<SortField<?>> order = List.of(ascendingScan ? key.asc() : key.desc(),
                ascendingScan ? PRINCIPAL.PRINCIPAL_ID.asc() : PRINCIPAL.PRINCIPAL_ID.desc());
        List<PrincipalRecord> rows = new ArrayList<>(db.selectFrom(PRINCIPAL).where(where).and(page).orderBy(order)
                .limit(r.limit()).fetch());
        if (!forward) {
            Collections.reverse(rows);
        }
        return new PageRows(rows, total, true);
    }

    record PageRows(List<PrincipalRecord> rows, long total, boolean cursorFound) {
    }

    @SuppressWarnings("unchecked")
    private static Field<Object> sortKey(ListRequest.Order o) {
        Field<?> f = switch (o) {
            case NAME -> PRINCIPAL.NAME;
            case EMAIL -> DSL.coalesce(PRINCIPAL.EMAIL, DSL.inline(""));
            case LAST_ACTIVE_AT -> DSL.coalesce(PRINCIPAL.LAST_ACTIVE_AT, DSL.inline(NEVER));
            case SUSPENDED_AT -> DSL.coalesce(PRINCIPAL.SUSPENDED_AT, DSL.inline(NEVER));
        };
        return (Field<Object>) f;
    }

    private static Condition filters(long accountId, ListRequest r, Map<String, List<String>> scope) {
        Condition c = PRINCIPAL.ACCOUNT_ID.eq(accountId).and(PRINCIPAL.DELETED_AT.isNull()).and(IamStore.IS_PERSON);
        if (!r.includeSuspended()) {
            c = c.and(PRINCIPAL.SUSPENDED_AT.isNull());
        }
        if (r.search().isPresent()) {
            String like = "%" + r.search().get().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            c = c.and(PRINCIPAL.NAME.like(like, '!').or(PRINCIPAL.EMAIL.like(like, '!')));
        }
        if (!r.roles().isEmpty()) {
            c = c.and(DSL.exists(DSL.selectOne().from(PRINCIPAL_ROLE).where(PRINCIPAL_ROLE.PRINCIPAL_ID
                    .eq(PRINCIPAL.PRINCIPAL_ID).and(PRINCIPAL_ROLE.ROLE.in(r.roles())))));
        }
        if (r.rolePrefix().isPresent()) {
            String prefix = r.rolePrefix().get().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            c = c.and(DSL.exists(DSL.selectOne().from(PRINCIPAL_ROLE).where(PRINCIPAL_ROLE.PRINCIPAL_ID
                    .eq(PRINCIPAL.PRINCIPAL_ID).and(PRINCIPAL_ROLE.ROLE.like(prefix, '!')))));
        }
        return c.and(IamStore.sharesAttributes(scope));
    }
}
