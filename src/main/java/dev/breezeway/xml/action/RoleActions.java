package dev.breezeway.xml.action;

import dev.breezeway.role.Role;
import dev.breezeway.xml.model.RoleXml;
import java.util.UUID;

/** Renders roles for the role actions. */
final class RoleActions {
    private RoleActions() {
    }

    static RoleXml xml(Role r) {
        RoleXml x = new RoleXml();
        x.locator = r.locator().toString();
        x.name = r.name();
        x.version = Long.toString(r.version());
        x.createdAt = r.createdAt().toString();
        x.createdBy = r.createdBy().map(UUID::toString).orElse("");
        x.description = r.description().orElse("");
        x.permissions.addAll(r.permissions());
        return x;
    }
}
