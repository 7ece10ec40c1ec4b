package dev.breezeway.xml.action;

import dev.breezeway.iam.IamService;
import dev.breezeway.session.Session;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code principal-reactivate} ({@code principal-id}, optional {@code version}): the XML mirror of
 * {@code POST /resources/iam/principals/{id}/reactivate}; clears suspended-at → the updated
 * {@code <principal-modern>}. Without {@code version} the current version is used; a stale one is
 * {@code <invalid field="version" type="string" subcode="illegal-operation"/>}.
 */
public final class PrincipalReactivateAction implements Action {
    private final IamService iam;

    public PrincipalReactivateAction(IamService iam) {
        this.iam = iam;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        long id = p.requiredId("principal-id");
        Optional<String> ifMatch = IamMirrors.ifMatch(p);
        p.throwIfInvalid();
        UUID uuid = iam.idOf(caller, id);
        return Results.ok(IamMirrors.modern(IamMirrors.run(() -> iam.reactivate(caller, uuid, ifMatch))));
    }
}
