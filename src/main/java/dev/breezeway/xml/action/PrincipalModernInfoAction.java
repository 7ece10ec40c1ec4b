package dev.breezeway.xml.action;

import dev.breezeway.iam.IamService;
import dev.breezeway.session.Session;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.UUID;

/**
 * {@code principal-modern-info} (optional {@code principal-id}, the caller by default): the XML mirror of
 * {@code GET /resources/iam/principals/{id}} → {@code <principal-modern principal-id id version etag …>}
 * with roles, ACL entries and access attributes; its {@code version} is what the mirrors' {@code version}
 * parameter expects. Yourself freely, others with {@code iam/principals:read}.
 */
public final class PrincipalModernInfoAction implements Action {
    private final IamService iam;

    public PrincipalModernInfoAction(IamService iam) {
        this.iam = iam;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        long id = IamMirrors.principalId(p, caller, true);
        p.throwIfInvalid();
        UUID uuid = iam.idOf(caller, id);
        return Results.ok(IamMirrors.modern(iam.get(caller, uuid)));
    }
}
