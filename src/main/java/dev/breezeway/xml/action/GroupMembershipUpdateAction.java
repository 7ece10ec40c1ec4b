package dev.breezeway.xml.action;

import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.principal.Memberships;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code group-membership-update}: repeated trios {@code group-id}, {@code principal-id},
 * {@code is-member} (true adds, false removes), matched by order and applied all or none.
 */
public final class GroupMembershipUpdateAction implements Action {
    private final Memberships principals;

    public GroupMembershipUpdateAction(Memberships principals) {
        this.principals = principals;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        List<String> groups = p.all("group-id");
        List<String> members = p.all("principal-id");
        List<String> flags = p.all("is-member");
        int n = Math.max(groups.size(), Math.max(members.size(), flags.size()));
        if (n == 0 || groups.size() < n) {
            p.problem(Invalid.of("group-id", FieldType.ID, InvalidSubcode.MISSING));
        }
        if (n == 0 || members.size() < n) {
            p.problem(Invalid.of("principal-id", FieldType.ID, InvalidSubcode.MISSING));
        }
        if (n == 0 || flags.size() < n) {
            p.problem(Invalid.of("is-member", FieldType.BOOLEAN, InvalidSubcode.MISSING));
        }
        p.throwIfInvalid();
        List<Memberships.Change> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Optional<Long> g = id(p, "group-id", groups.get(i));
            Optional<Long> m = id(p, "principal-id", members.get(i));
            Optional<Boolean> b = Params.parseBool(flags.get(i));
            if (b.isEmpty()) {
                p.problem(Invalid.of("is-member", FieldType.BOOLEAN, InvalidSubcode.FORMAT));
            }
            if (g.isPresent() && m.isPresent() && b.isPresent()) {
                changes.add(new Memberships.Change(g.get(), m.get(), b.get()));
            }
        }
        p.throwIfInvalid();
        principals.update(call.requireSession(), changes);
        return Results.ok();
    }

    private static Optional<Long> id(Params p, String field, String raw) {
        try {
            long v = Long.parseLong(raw.strip());
            if (v > 0) {
                return Optional.of(v);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        p.problem(Invalid.of(field, FieldType.ID, InvalidSubcode.FORMAT));
        return Optional.empty();
    }
}
