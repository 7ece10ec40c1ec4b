package dev.breezeway.xml.action;

import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.org.OrgService;
import dev.breezeway.principal.Lifecycle;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/**
 * {@code user-remove} ({@code principal-id} or {@code email}; the id wins): removes the user from the
 * organisation — it leaves its groups, policies only it had are deleted, it can no longer log in, its
 * record stays.
 */
public final class UserRemoveAction implements Action {
    private final OrgService org;
    private final Lifecycle lifecycle;

    public UserRemoveAction(OrgService org, Lifecycle lifecycle) {
        this.org = org;
        this.lifecycle = lifecycle;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
        var id = p.optionalId("principal-id");
        var email = p.optionalText("email", 1, 255);
        if (id.isEmpty() && email.isEmpty()) {
            p.problem(Invalid.of("principal-id", FieldType.ID, InvalidSubcode.MISSING));
        }
        p.throwIfInvalid();
        var s = call.requireSession();
        lifecycle.removeFromOrganisation(s, id.orElseGet(() -> org.idByEmail(s, email.get())));
        return Results.ok();
    }
}
