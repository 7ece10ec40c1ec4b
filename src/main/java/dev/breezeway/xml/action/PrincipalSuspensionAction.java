package dev.breezeway.xml.action;

import dev.breezeway.principal.Expected;
import dev.breezeway.iam.IamPrincipal;
import dev.breezeway.iam.IamService;
import dev.breezeway.session.Session;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.Optional;
import java.util.UUID;

/**
 * The XML mirrors of {@code POST /resources/iam/principals/{id}/suspend} and {@code …/reactivate}
 * ({@code principal-id}, optional {@code version}) → the updated {@code <principal-modern>}:
 * <ul>
 *   <li>{@code principal-suspend} sets suspended-at, ends every session of the principal at once and
 *       makes its login fail; suspending yourself is {@code <invalid field="principal-id" type="string"
 *       subcode="illegal-operation"/>};</li>
 *   <li>{@code principal-reactivate} clears suspended-at.</li>
 * </ul>
 * Without {@code version} the current version is used; a stale one is
 * {@code <invalid field="version" type="string" subcode="illegal-operation"/>}.
 */
public final class PrincipalSuspensionAction implements Action {
    /** {@link IamService#suspend} or {@link IamService#reactivate}. */
    @FunctionalInterface
    public interface Change {
        IamPrincipal apply(IamService iam, Session caller, UUID id, Optional<Expected> ifMatch);
    }

    private final IamService iam;
    private final Change change;

    public PrincipalSuspensionAction(IamService iam, Change change) {
        this.iam = iam;
        this.change = change;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        long id = p.requiredId("principal-id");
        Optional<Expected> ifMatch = IamMirrors.expected(p);
        p.throwIfInvalid();
        UUID uuid = iam.idOf(caller, id);
        return Results.ok(IamMirrors.modern(IamMirrors.run(() -> change.apply(iam, caller, uuid, ifMatch))));
    }
}
