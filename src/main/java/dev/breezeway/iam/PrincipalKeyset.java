package dev.breezeway.iam;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ROLE;

import dev.breezeway.db.WriteGeneration;
import dev.breezeway.principal.Uuids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.ResultQuery;
import org.jooq.SelectJoinStep;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Keyset pages over the principal list: rows are ordered by (sort value, principal id) and a page
 * continues strictly after (or before) the cursor row's pair, so pages neither repeat nor skip rows
 * while others are inserted, and a deep page costs what the first does.
 */
final class PrincipalKeyset {
    private static final LocalDateTime NEVER = LocalDateTime.of(1970, 1, 1, 0, 0);
    /** How long a page may reuse the total counted for the same filter (see {@link #total}). */
    static final Duration COUNT_REUSE = Duration.ofSeconds(10);
    private static final int MAX_COUNTS = 1024;
    private final DSLContext db;
    private final IamStore store;
    private final Clock clock;
    private final Map<CountKey, Counted> counts = new ConcurrentHashMap<>();
    /** The totals being counted, one request each; others reuse the previous total or join the count. */
    private final Map<CountKey, Recount> recounting = new ConcurrentHashMap<>();
    private final WriteGeneration writes;

    PrincipalKeyset(DSLContext db, IamStore store, Clock clock, WriteGeneration writes) {
        this.db = db;
        this.store = store;
        this.clock = clock;
        this.writes = writes;
    }

    PageRows page(long accountId, ListRequest r, Map<String, List<String>> scope,
                  java.util.function.Function<java.util.UUID, Optional<IamPrincipal>> known) {
        Where where = filters(accountId, r, scope);
        Optional<java.util.UUID> cursor = r.after().or(r::before);
        boolean forward = r.before().isEmpty();
        long total = total(new CountKey(accountId, r.search(), r.roles(), r.rolePrefix(), r.includeSuspended(), scope),
                where.condition(), cursor.isPresent());
        Optional<Anchor> anchor = Optional.empty();
        if (cursor.isPresent()) {
            Optional<Record2<Object, Long>> row = db.select(sortKey(r.order()), PRINCIPAL.PRINCIPAL_ID).from(PRINCIPAL)
                    .where(PRINCIPAL.UUID.eq(Uuids.toBytes(cursor.get())).and(PRINCIPAL.ACCOUNT_ID.eq(accountId)))
                    .fetchOptional();
            if (row.isEmpty()) {
                return new PageRows(List.of(), total, false);
            }
            anchor = Optional.of(new Anchor(row.get().value1(), row.get().value2()));
        }
        PageQuery q = pageQuery(where, r, scope, anchor);
        List<IamPrincipal> rows = new ArrayList<>(store.select(Optional.of(q.sql()), q.query(), known));
        if (!forward) {
            Collections.reverse(rows);
        }
        return new PageRows(rows, total, true);
    }

    /** The sort value and id of the row a cursor names. */
    record Anchor(Object value, long principalId) {
    }

    /**
     * A page's query over {@code PRINCIPAL} (its conditions, order and limit), the {@link #shape} of its SQL and its
     * bind values in their order: IamStore renders the SQL once per shape, and jOOQ's own bind extraction cost as
     * much as rendering did.
     */
    record PageQuery(IamStore.Shaped sql, java.util.function.Function<SelectJoinStep<Record>, ResultQuery<Record>> query) {
    }

    /** The page of {@code r} under {@code where} ({@link #filters}), after or before {@code anchor} if there is one. */
    static PageQuery pageQuery(Where where, ListRequest r, Map<String, List<String>> scope, Optional<Anchor> anchor) {
        Field<Object> key = sortKey(r.order());
        boolean ascendingScan = r.before().isEmpty() == r.ascending();
        Condition page = anchor.map(a -> ascendingScan
                ? key.gt(a.value()).or(key.eq(a.value()).and(PRINCIPAL.PRINCIPAL_ID.gt(a.principalId())))
                : key.lt(a.value()).or(key.eq(a.value()).and(PRINCIPAL.PRINCIPAL_ID.lt(a.principalId()))))
                .orElse(DSL.noCondition());
        List<SortField<?>> order = List.of(ascendingScan ? key.asc() : key.desc(),
                ascendingScan ? PRINCIPAL.PRINCIPAL_ID.asc() : PRINCIPAL.PRINCIPAL_ID.desc());
        Condition pageWhere = where.condition().and(page);
        List<Object> binds = new ArrayList<>(where.binds());
        anchor.ifPresent(a -> binds.addAll(List.of(a.value(), a.value(), a.principalId())));
        binds.add((long) r.limit());
        return new PageQuery(new IamStore.Shaped(shape(r, scope, anchor.isPresent(), ascendingScan), binds),
                q -> q.where(pageWhere).orderBy(order).limit(r.limit()));
    }

    /**
     * What the text of a page's SQL depends on, all else being bind values: the sort, which filters are there (and
     * how many values each IN list holds), whether a cursor bounds it, and which way it scans (with a cursor, the
     * scan's direction is also the comparison's). A new filter in {@link #filters} must be added here;
     * {@code PageShapeTest} renders every combination and fails when two requests of one shape differ in text.
     */
    private static Object shape(ListRequest r, Map<String, List<String>> scope, boolean cursor, boolean ascendingScan) {
        return new PageShape(r.order(), r.includeSuspended(), r.search().isPresent(), r.roles().size(),
                r.rolePrefix().isPresent(), scope.values().stream().map(List::size).toList(), cursor, ascendingScan);
    }

    private record PageShape(ListRequest.Order order, boolean includeSuspended, boolean search, int roles,
                             boolean rolePrefix, List<Integer> scopeValues, boolean cursor, boolean ascendingScan) {
    }

    record PageRows(List<IamPrincipal> rows, long total, boolean cursorFound) {
    }

    /**
     * The number of principals matching the list's filter. A COUNT(*) reads every matching row (about
     * 50 ms at 200,000 principals, 0.3 s at a million), while the page itself reads 50 index entries, so
     * counting on every page would make all pages cost the same high price. A total counted for the same
     * filter and scope is reused:
     * <ul>
     * <li>by a first page (no cursor) only while nothing was written through this server since it was
     * counted ({@link WriteGeneration}), so a write is in the next first page's total at once;</li>
     * <li>by a cursor page whatever was written, so a client paging through sees one total;</li>
     * <li>by either for at most {@link #COUNT_REUSE}, which bounds how late another node's writes show.
     * When that has passed, one request counts again and the others keep the previous total meanwhile.</li>
     * </ul>
     * A filter is counted by one request at a time: a request that needs a new count (none yet, or a write
     * here since) waits for one that started after it rather than start its own, so a busy list after a
     * write costs one COUNT, not one per waiting request.
     */
    private long total(CountKey k, Condition where, boolean cursorPage) {
        Instant now = clock.instant();
        long generation = writes.current();  // noted before any count: a write after it makes the next page count
        Counted c = counts.get(k);
        if (c != null && (cursorPage || c.generation() == generation)) {
            if (!c.at().plus(COUNT_REUSE).isBefore(now) || recounting.containsKey(k)) {
                return c.total();  // fresh, or another request is counting it again meanwhile
            }
        }
        // One count per filter at a time: a request joins a count that started after its own start.
        CompletableFuture<Counted> mine = new CompletableFuture<>();
        Recount running = recounting.merge(k, new Recount(generation, mine),
                (old, neu) -> old.generation() >= generation ? old : neu);
        if (running.result() != mine) {
            try {
                return running.result().join().total();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;  // as if this request had counted
            }
        }
        try {
            Counted counted = new Counted(db.fetchCount(PRINCIPAL, where), now, generation);
            if (counts.size() >= MAX_COUNTS) {
                counts.clear();
            }
            counts.put(k, counted);
            mine.complete(counted);
            return counted.total();
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            recounting.remove(k, running);
        }
    }

    /** A count in progress for a filter, started at write generation {@code generation}. */
    private record Recount(long generation, CompletableFuture<Counted> result) {
    }

    /** What a total depends on: the account, every filter of the request and the caller's ABAC scope. */
    private record CountKey(long accountId, Optional<String> search, List<String> roles, Optional<String> rolePrefix,
                            boolean includeSuspended, Map<String, List<String>> scope) {
    }

    private record Counted(long total, Instant at, long generation) {
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

    /** A page's conditions and, in the order its SQL places them, their bind values. */
    record Where(Condition condition, List<Object> binds) {
        Where and(Condition c, Object... values) {
            List<Object> all = new ArrayList<>(binds);
            all.addAll(java.util.Arrays.asList(values));
            return new Where(condition.and(c), all);
        }
    }

    static Where filters(long accountId, ListRequest r, Map<String, List<String>> scope) {
        Where w = new Where(PRINCIPAL.ACCOUNT_ID.eq(accountId), List.of(accountId))
                .and(PRINCIPAL.DELETED_AT.isNull()).and(IamStore.IS_PERSON, IamStore.PERSON_TYPES.toArray());
        if (!r.includeSuspended()) {
            w = w.and(PRINCIPAL.SUSPENDED_AT.isNull());
        }
        if (r.search().isPresent()) {
            String like = "%" + r.search().get().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            w = w.and(PRINCIPAL.NAME.like(like, '!').or(PRINCIPAL.EMAIL.like(like, '!')), like, like);
        }
        if (!r.roles().isEmpty()) {
            w = w.and(DSL.exists(DSL.selectOne().from(PRINCIPAL_ROLE).where(PRINCIPAL_ROLE.PRINCIPAL_ID
                    .eq(PRINCIPAL.PRINCIPAL_ID).and(PRINCIPAL_ROLE.ROLE.in(r.roles())))), r.roles().toArray());
        }
        if (r.rolePrefix().isPresent()) {
            String prefix = r.rolePrefix().get().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            w = w.and(DSL.exists(DSL.selectOne().from(PRINCIPAL_ROLE).where(PRINCIPAL_ROLE.PRINCIPAL_ID
                    .eq(PRINCIPAL.PRINCIPAL_ID).and(PRINCIPAL_ROLE.ROLE.like(prefix, '!')))), prefix);
        }
        return w.and(IamStore.sharesAttributes(scope), IamStore.sharesAttributesBinds(scope).toArray());
    }
}
