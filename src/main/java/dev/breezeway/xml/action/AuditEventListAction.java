package dev.breezeway.xml.action;

import dev.breezeway.audit.AuditStore;
import dev.breezeway.query.ListLimit;
import dev.breezeway.query.ListQuery;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.FilterParams;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.AuditEventsXml;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code audit-event-list}: the account's audit trail, newest first, as {@link AuditEventsXml}. Needs
 * {@code audit:read}. Filters on the fields of {@link AuditStore#FIELDS}, e.g.
 * {@code filter-object-id=1000009&filter-kind=membership.add&filter-gte-occurred-at=2026-12-01T00:00:00Z};
 * paged with {@code filter-start}/{@code filter-rows} and limited as every list is ({@link ListLimit}).
 */
public final class AuditEventListAction implements Action {
    private final AuditStore events;
    private final ListLimit limit;

    public AuditEventListAction(AuditStore events, ListLimit limit) {
        this.events = events;
        this.limit = limit;
    }

    @Override
    public Results handle(Call call) {
        ListQuery q = FilterParams.read(call.params(), AuditStore.FIELDS);
        call.params().throwIfInvalid();
        if (!q.sorts().isEmpty()) {
            // The trail has one order, newest first.
            call.params().problem(dev.breezeway.error.Invalid.of("sort-" + q.sorts().get(0).field(),
                    dev.breezeway.error.FieldType.STRING, dev.breezeway.error.InvalidSubcode.NO_SUCH_ITEM));
            call.params().throwIfInvalid();
        }
        int rows = limit.fetchSize(call.request().rows(), q.rows());
        List<AuditStore.Event> read = events.list(call.requireSession().accountId(), q.filters(), OptionalLong.empty(),
                q.start(), rows);
        AuditEventsXml x = new AuditEventsXml();
        for (AuditStore.Event e : limit.checked(call.request().rows(), q.rows(), read)) {
            AuditEventsXml.Entry out = new AuditEventsXml.Entry();
            out.eventId = Long.toString(e.eventId());
            out.kind = e.kind();
            out.occurredAt = e.occurredAt().toString();
            out.actorId = e.actorId().map(Object::toString).orElse(null);
            out.objectType = e.objectType().orElse(null);
            out.objectId = e.objectId().orElse(null);
            out.address = e.address().orElse(null);
            out.face = e.face().orElse(null);
            out.actorLogin = e.actorLogin().orElse(null);
            out.objectName = e.objectName().orElse(null);
            out.details = e.details().orElse(null);
            x.events.add(out);
        }
        return Results.ok(x);
    }
}
