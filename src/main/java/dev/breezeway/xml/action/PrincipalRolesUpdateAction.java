package dev.breezeway.xml.action;

import dev.breezeway.principal.Expected;
import dev.breezeway.iam.IamService;
import dev.breezeway.session.Session;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code principal-roles-update} ({@code principal-id}, repeated {@code role}, optional {@code version}):
 * the XML mirror of {@code PUT /resources/iam/principals/{id}/roles}, e.g.
 * {@code principal-id=1000009&role=support:agent&role=billing:viewer}. The roles replace the current
 * ones; no {@code role} (or only empty ones) clears them → the updated {@code <principal-modern>}.
 */
public final class PrincipalRolesUpdateAction implements Action {
    private final IamService iam;

    public PrincipalRolesUpdateAction(IamService iam) {
        this.iam = iam;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        long id = p.requiredId("principal-id");
        List<String> roles = IamMirrors.repeatedText(p, "role", 255);
        Optional<Expected> ifMatch = IamMirrors.expected(p);
        p.throwIfInvalid();
        UUID uuid = iam.idOf(caller, id);
        return Results.ok(IamMirrors.modern(IamMirrors.run(() -> iam.setRoles(caller, uuid, roles, ifMatch))));
    }
}
