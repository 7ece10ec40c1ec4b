package dev.breezeway.xml.action;

import dev.breezeway.principal.Lifecycle;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;
import java.util.List;

/** {@code principals-delete}: deletes each {@code principal-id}; users leave their groups, a group's members stay. */
public final class PrincipalsDeleteAction implements Action {
    private final Lifecycle principals;

    public PrincipalsDeleteAction(Lifecycle principals) {
        this.principals = principals;
    }

    @Override
    public Results handle(Call call) {
        List<Long> ids = call.params().requiredIds("principal-id");
        call.params().throwIfInvalid();
        principals.delete(call.requireSession(), ids);
        return Results.ok();
    }
}
