package dev.breezeway.xml.action;

import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.query.ListLimit;
import dev.breezeway.role.RoleService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.RoleListXml;
import java.util.OptionalInt;

/**
 * {@code role-list} ({@code filter-start}, {@code filter-rows} ≤ 100, default 100) →
 * {@code <role-list list-completed>}; a page is also held to the limit of every list ({@link ListLimit}).
 */
public final class RoleListAction implements Action {
    private final RoleService roles;
    private final ListLimit limit;

    public RoleListAction(RoleService roles, ListLimit limit) {
        this.roles = roles;
        this.limit = limit;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
        int start = number(call, "filter-start", 0, 0, Integer.MAX_VALUE);
        int rows = number(call, "filter-rows", 100, 1, 100);
        p.throwIfInvalid();
        OptionalInt asked = p.first("filter-rows").map(String::strip).filter(s -> !s.isEmpty()).isPresent()
                ? OptionalInt.of(rows) : OptionalInt.empty();
        limit.fetchSize(call.request().rows(), asked);
        RoleService.Page page = roles.list(call.requireSession(), start, rows);
        RoleListXml x = new RoleListXml();
        x.listCompleted = Boolean.toString(page.listCompleted());
        limit.checked(call.request().rows(), asked, page.items()).forEach(r -> x.roles.add(RoleActions.xml(r)));
        return Results.ok(x);
    }

    private static int number(Call call, String name, int fallback, int min, int max) {
        var raw = call.params().first(name).map(String::strip).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.get());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        call.params().problem(Invalid.range(name, FieldType.LONG, min, max));
        return fallback;
    }
}
