package dev.breezeway.xml.action;

import dev.breezeway.principal.Expected;
import dev.breezeway.access.Grant;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.iam.IamPrincipal;
import dev.breezeway.iam.IamService;
import dev.breezeway.session.Session;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code principal-acl-update} ({@code principal-id}, repeated {@code acl}, optional {@code version}):
 * the XML mirror of {@code PUT /resources/iam/principals/{id}/acl}, e.g.
 * {@code acl=orders:read&acl=iam/principals:*}. Each {@code acl} is {@code resource:permission} (the last
 * colon separates them, {@code *} is a wildcard, each part at most 255 characters), else {@code format}.
 * The entries replace the current ones; none clears them → the updated {@code <principal-modern>}.
 */
public final class PrincipalAclUpdateAction implements Action {
    private final IamService iam;

    public PrincipalAclUpdateAction(IamService iam) {
        this.iam = iam;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        long id = p.requiredId("principal-id");
        List<Grant> acl = new ArrayList<>();
        boolean malformed = false;
        for (String raw : IamMirrors.repeatedText(p, "acl", 511)) {
            Optional<Grant> e = Grant.parse(raw)
                    .filter(x -> x.resource().length() <= 255 && x.permission().length() <= 255);
            e.ifPresent(acl::add);
            malformed |= e.isEmpty();
        }
        if (malformed) {
            p.problem(Invalid.of("acl", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        Optional<Expected> ifMatch = IamMirrors.expected(p);
        p.throwIfInvalid();
        UUID uuid = iam.idOf(caller, id);
        return Results.ok(IamMirrors.modern(IamMirrors.run(() -> iam.setAcl(caller, uuid, acl, ifMatch))));
    }
}
