package dev.breezeway.xml.action;

import dev.breezeway.principal.Lifecycle;
import dev.breezeway.principal.PrincipalType;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.UpdatePrincipalTypeXml;
import java.util.Optional;

/**
 * {@code update-principal-type} ({@code principal-id}, {@code type}): {@code type=user} promotes a guest;
 * the current type answers unchanged; the reply names the type afterwards,
 * {@code <update-principal-type type="user" principal-id="158343788"/>}. The rules are {@link Lifecycle#changeType}'s.
 */
public final class UpdatePrincipalTypeAction implements Action {
    private final Lifecycle lifecycle;

    public UpdatePrincipalTypeAction(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        long id = p.requiredId("principal-id");
        Optional<PrincipalType> type = p.requiredEnum("type", PrincipalType::fromWire);
        p.throwIfInvalid();
        UpdatePrincipalTypeXml x = new UpdatePrincipalTypeXml();
        x.type = lifecycle.changeType(call.requireSession(), id, type.orElseThrow()).wire();
        x.principalId = Long.toString(id);
        return Results.ok(x);
    }
}
