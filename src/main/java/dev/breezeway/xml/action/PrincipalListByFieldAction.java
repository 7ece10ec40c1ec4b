package dev.breezeway.xml.action;

import dev.breezeway.principal.PrincipalListService;
import dev.breezeway.principal.PrincipalQuery;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.Optional;

/**
 * {@code principal-list-by-field} ({@code value}, optional {@code field-id}, filters and sorts): the
 * principals one of whose custom fields holds exactly {@code value}, case-insensitively and without
 * wildcards ({@code t*} is literal); standard fields such as the name are not searched.
 */
public final class PrincipalListByFieldAction implements Action {
    private final PrincipalListService principals;

    public PrincipalListByFieldAction(PrincipalListService principals) {
        this.principals = principals;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        String value = p.requiredText("value", 1, 4000);
        Optional<Long> fieldId = p.first("field-id").map(s -> s.startsWith("x-") ? s.substring(2) : s)
                .flatMap(s -> Params.of("field-id", s).optionalId("field-id"));
        p.throwIfInvalid();
        PrincipalQuery q = PrincipalQueryParser.parse(p, false)
                .withCustomValue(new PrincipalQuery.CustomValue(value, fieldId));
        return Results.ok(PrincipalXmls.list(principals.list(call.requireSession(), call.request().rows(), q)));
    }
}
