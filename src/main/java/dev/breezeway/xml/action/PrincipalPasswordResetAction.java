package dev.breezeway.xml.action;

import dev.breezeway.iam.IamService;
import dev.breezeway.session.Session;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.TemporaryPasswordXml;
import java.util.UUID;

/**
 * {@code principal-password-reset} ({@code principal-id}): the XML mirror of
 * {@code POST /resources/iam/principals/{id}/password/reset} → {@code <password temporary="true">Tmp9…</password>},
 * shown once. The principal's sessions end; a login with the temporary password may only change it.
 */
public final class PrincipalPasswordResetAction implements Action {
    private final IamService iam;

    public PrincipalPasswordResetAction(IamService iam) {
        this.iam = iam;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        long id = p.requiredId("principal-id");
        p.throwIfInvalid();
        UUID uuid = iam.idOf(caller, id);
        TemporaryPasswordXml x = new TemporaryPasswordXml();
        x.value = iam.resetPassword(caller, uuid);
        return Results.ok(x);
    }
}
