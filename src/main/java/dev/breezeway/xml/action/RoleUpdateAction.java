package dev.breezeway.xml.action;

import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.role.RoleService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/**
 * {@code role-update} ({@code role}, {@code version}, optional {@code name}, {@code description}, repeated
 * {@code add-permission} / {@code remove-permission}) → {@code <role …>}; a stale version is {@code invalid}
 * on {@code version} and changes nothing.
 */
public final class RoleUpdateAction implements Action {
    private final RoleService roles;

    public RoleUpdateAction(RoleService roles) {
        this.roles = roles;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
        String role = p.requiredText("role", 1, 255);
        long version = 0;
        var raw = p.first("version").map(String::strip).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            p.problem(Invalid.of("version", FieldType.LONG, InvalidSubcode.MISSING));
        } else {
            try {
                version = Long.parseLong(raw.get());
            } catch (NumberFormatException e) {
                p.problem(Invalid.of("version", FieldType.LONG, InvalidSubcode.FORMAT));
            }
        }
        var name = p.optionalText("name", 1, 255);
        var description = p.optionalText("description", 0, 4000);
        p.throwIfInvalid();
        return Results.ok(RoleActions.xml(roles.update(call.requireSession(), role, version, name, description,
                p.all("add-permission"), p.all("remove-permission"))));
    }
}
