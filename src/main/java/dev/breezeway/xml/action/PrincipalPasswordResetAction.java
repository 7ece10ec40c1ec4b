package dev.breezeway.xml.action;

import dev.breezeway.iam.IamService;
import dev.breezeway.mail.Outbox;
import dev.breezeway.recovery.AccountMail;
import dev.breezeway.session.Session;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.TemporaryPasswordXml;
import java.util.UUID;

/**
 * {@code principal-password-reset} ({@code principal-id}, optional {@code send-email}): the XML mirror of
 * {@code POST /resources/iam/principals/{id}/password/reset} → {@code <password temporary="true">Tmp9…</password>},
 * shown once. With {@code send-email=true} the temporary password is mailed to the principal instead and the answer
 * shows only the sending: {@code <password temporary="true" sent="true" sending-id="…"/>}. The principal's sessions
 * end; the temporary password logs in once, and that session may only change it.
 */
public final class PrincipalPasswordResetAction implements Action {
    private final IamService iam;
    private final AccountMail mail;

    public PrincipalPasswordResetAction(IamService iam, AccountMail mail) {
        this.iam = iam;
        this.mail = mail;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        long id = p.requiredId("principal-id");
        boolean send = p.optionalBool("send-email").orElse(false);
        p.throwIfInvalid();
        UUID uuid = iam.idOf(caller, id);
        TemporaryPasswordXml x = new TemporaryPasswordXml();
        if (send) {
            Outbox.Queued q = mail.resetByMail(caller, iam.principalIdOf(caller, uuid));
            x.sent = "true";
            x.sendingId = q.sendingId();
        } else {
            x.value = iam.resetPassword(caller, uuid);
        }
        return Results.ok(x);
    }
}
