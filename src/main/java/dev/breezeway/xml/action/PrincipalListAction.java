package dev.breezeway.xml.action;

import dev.breezeway.principal.PrincipalListService;
import dev.breezeway.principal.PrincipalQuery;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/**
 * {@code principal-list}: the principals of the caller's account through the filter and sort grammar
 * ({@code filter-[like-|out-|gt-|lt-|gte-|lte-]<field>}, {@code filter-rows}, {@code filter-start},
 * {@code sort[1|2]-<field>=asc|desc}), with {@code group-id} or {@code principal-id} plus
 * {@code filter-is-member} for memberships. An empty result is {@code <principal-list/>}.
 */
public final class PrincipalListAction implements Action {
    private final PrincipalListService principals;

    public PrincipalListAction(PrincipalListService principals) {
        this.principals = principals;
    }

    @Override
    public Results handle(Call call) {
        PrincipalQuery q = PrincipalQueryParser.parse(call.params(), true);
        return Results.ok(PrincipalXmls.list(principals.list(call.requireSession(), call.request().rows(), q)));
    }
}
