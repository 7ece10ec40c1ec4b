package dev.breezeway.audit;

import static dev.breezeway.db.gen.Tables.AUDIT_EVENT;

import dev.breezeway.db.Times;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.query.ListQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Reads the audit trail of one account, newest first, filtered on the fields of {@link #FIELDS} (the XML
 * face's {@code filter-…} names; the JSON face maps its parameters to the same), paged by offset (XML) or by
 * the id of the last event seen (JSON); and purges events older than the retention.
 */
public final class AuditStore {
    /** The fields a list may filter on. */
    public static final Set<String> FIELDS = Set.of("occurred-at", "actor-id", "actor-login", "kind", "object-type",
            "object-id", "object-name", "address", "face");
    private static final int PURGE_CHUNK = 10_000;

    private final DSLContext db;

    public AuditStore(DSLContext db) {
        this.db = db;
    }

    /** One event as stored; {@code details} is JSON text. */
    public record Event(long eventId, long accountId, Instant occurredAt, Optional<Long> actorId,
                        Optional<String> actorLogin, String kind, Optional<String> objectType, Optional<String> objectId,
                        Optional<String> objectName, Optional<String> details, Optional<String> address,
                        Optional<String> face) {
    }

    /**
     * Up to {@code rows} events of {@code accountId} matching every filter, newest first, skipping {@code start};
     * with {@code before}, only the events listed after that event id in this order.
     *
     * @throws ApiException {@code invalid}/{@code format} on a value its field cannot hold
     */
    public List<Event> list(long accountId, List<ListQuery.Filter> filters, OptionalLong before, int start, int rows) {
        List<Condition> where = new ArrayList<>();
        where.add(AUDIT_EVENT.ACCOUNT_ID.eq(accountId));
        for (ListQuery.Filter f : filters) {
            where.add(condition(f));
        }
        if (before.isPresent()) {
            var cursor = db.select(AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.EVENT_ID).from(AUDIT_EVENT)
                    .where(AUDIT_EVENT.EVENT_ID.eq(before.getAsLong()));
            where.add(DSL.row(AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.EVENT_ID).lt(cursor));
        }
        return db.selectFrom(AUDIT_EVENT)
                .where(where)
                .orderBy(AUDIT_EVENT.OCCURRED_AT.desc(), AUDIT_EVENT.EVENT_ID.desc())
                .limit(rows).offset(start)
                .fetch(AuditStore::event);
    }

    /** Deletes the events that occurred before {@code cutoff}, a chunk per statement; returns how many went. */
    public int purgeBefore(Instant cutoff) {
        int total = 0;
        int n;
        do {
            n = db.deleteFrom(AUDIT_EVENT).where(AUDIT_EVENT.OCCURRED_AT.lt(Times.toLocal(cutoff)))
                    .orderBy(AUDIT_EVENT.OCCURRED_AT).limit(PURGE_CHUNK).execute();
            total += n;
        } while (n == PURGE_CHUNK);
        return total;
    }

    private static Event event(Record r) {
        return new Event(r.get(AUDIT_EVENT.EVENT_ID), r.get(AUDIT_EVENT.ACCOUNT_ID),
                Times.toInstant(r.get(AUDIT_EVENT.OCCURRED_AT)), Optional.ofNullable(r.get(AUDIT_EVENT.ACTOR_PRINCIPAL_ID)),
                Optional.ofNullable(r.get(AUDIT_EVENT.ACTOR_LOGIN)), r.get(AUDIT_EVENT.KIND),
                Optional.ofNullable(r.get(AUDIT_EVENT.OBJECT_TYPE)), Optional.ofNullable(r.get(AUDIT_EVENT.OBJECT_ID)),
                Optional.ofNullable(r.get(AUDIT_EVENT.OBJECT_NAME)), Optional.ofNullable(r.get(AUDIT_EVENT.DETAILS)),
                Optional.ofNullable(r.get(AUDIT_EVENT.ADDRESS)), Optional.ofNullable(r.get(AUDIT_EVENT.FACE)));
    }

    private static final Map<String, Field<String>> TEXT = Map.of(
            "actor-login", AUDIT_EVENT.ACTOR_LOGIN, "kind", AUDIT_EVENT.KIND, "object-type", AUDIT_EVENT.OBJECT_TYPE,
            "object-id", AUDIT_EVENT.OBJECT_ID, "object-name", AUDIT_EVENT.OBJECT_NAME, "address", AUDIT_EVENT.ADDRESS,
            "face", AUDIT_EVENT.FACE);

    private static Condition condition(ListQuery.Filter f) {
        return switch (f.field()) {
            case "occurred-at" -> compare(f, AUDIT_EVENT.OCCURRED_AT, v -> Times.toLocal(instant(f.field(), v)));
            case "actor-id" -> compare(f, AUDIT_EVENT.ACTOR_PRINCIPAL_ID, v -> number(f.field(), v));
            default -> {
                Field<String> field = TEXT.get(f.field());
                if (field == null) {
                    throw ApiException.invalid(Invalid.of(f.field(), FieldType.STRING, InvalidSubcode.NO_SUCH_ITEM));
                }
                if (f.op() == ListQuery.Op.CONTAINS) {
                    yield DSL.or(f.values().stream().map(field::containsIgnoreCase).toList());
                }
                yield compare(f, field, v -> v);
            }
        };
    }

    private static <T> Condition compare(ListQuery.Filter f, Field<T> field, Function<String, T> parse) {
        List<T> values = f.values().stream().map(parse).toList();
        return switch (f.op()) {
            case EQUALS, CONTAINS -> field.in(values);
            case NOT_EQUALS -> field.isNull().or(field.notIn(values));
            case GREATER -> DSL.or(values.stream().map(field::gt).toList());
            case LESS -> DSL.or(values.stream().map(field::lt).toList());
            case GREATER_OR_EQUAL -> DSL.or(values.stream().map(field::ge).toList());
            case LESS_OR_EQUAL -> DSL.or(values.stream().map(field::le).toList());
        };
    }

    /** {@code 2026-12-02T13:45:00Z}, {@code 2026-12-02T14:45:00.000+01:00} or {@code 2026-12-02} (midnight UTC). */
    public static Instant instant(String field, String v) {
        String s = v.strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiException.invalid(Invalid.of(field, FieldType.DATE, InvalidSubcode.FORMAT));
            }
        }
    }

    private static long number(String field, String v) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(Invalid.of(field, FieldType.LONG, InvalidSubcode.FORMAT));
        }
    }
}
