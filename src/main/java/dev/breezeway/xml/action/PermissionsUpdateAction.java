package dev.breezeway.xml.action;

import dev.breezeway.acl.Holder;
import dev.breezeway.acl.PermissionId;
import dev.breezeway.acl.PermissionService;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.ParamGroups;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code permissions-update}: repeated trios {@code acl-id}, {@code principal-id} (an id,
 * {@code public-access} or {@code logged-in-access}), {@code permission-id}, e.g.
 * {@code acl-id=1000020&principal-id=1000009&permission-id=host}. As on Adobe Connect the reply is
 * {@code ok} when some trios are invalid (malformed, incomplete, unknown object or principal, unknown
 * permission): those are skipped and the others applied in order. Only a call without any trio is
 * {@code invalid} ({@code missing}). The semantics of each permission are those of {@link PermissionService}.
 */
public final class PermissionsUpdateAction implements Action {
    private final PermissionService permissions;

    public PermissionsUpdateAction(PermissionService permissions) {
        this.permissions = permissions;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        List<ParamGroups.Group> trios = ParamGroups.read(p, "acl-id", "principal-id", "permission-id");
        if (trios.isEmpty()) {
            p.problem(Invalid.of("acl-id", FieldType.ID, InvalidSubcode.MISSING));
            p.problem(Invalid.of("principal-id", FieldType.ID, InvalidSubcode.MISSING));
            p.problem(Invalid.of("permission-id", FieldType.ENUM, InvalidSubcode.MISSING));
        }
        p.throwIfInvalid();
        List<PermissionService.Change> changes = new ArrayList<>();
        for (ParamGroups.Group g : trios) {
            OptionalLong aclId = g.get(0).map(s -> ActionParams.positiveLong(s.strip())).orElse(OptionalLong.empty());
            Optional<Holder> holder = g.get(1).flatMap(Holder::parse);
            Optional<PermissionId> permission = g.get(2).flatMap(PermissionId::fromWire);
            if (aclId.isPresent() && holder.isPresent() && permission.isPresent()) {
                changes.add(new PermissionService.Change(aclId.getAsLong(), holder.get(), permission.get()));
            }
        }
        permissions.update(call.requireSession(), changes);
        return Results.ok();
    }
}
