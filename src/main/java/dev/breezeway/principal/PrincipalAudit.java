package dev.breezeway.principal;

import dev.breezeway.audit.AuditTarget;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the audit trail shows of a principal: the object it names, and the fields whose changes it records. */
final class PrincipalAudit {
    private PrincipalAudit() {
    }

    static AuditTarget target(Principal p) {
        return AuditTarget.principal(p.principalId(), p.breezeLogin());
    }

    /** The standard fields of {@code p}, never a credential. */
    static Map<String, Object> fields(Principal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", p.type().wire());
        m.put("login", p.login().orElse(null));
        m.put("name", p.name());
        m.put("first-name", p.firstName().orElse(null));
        m.put("last-name", p.lastName().orElse(null));
        m.put("email", p.email().orElse(null));
        m.put("description", p.description().orElse(null));
        return m;
    }

    /** A create's details: every field as {@code after}. */
    static Map<String, Object> created(Principal p) {
        Map<String, Object> after = fields(p);
        after.values().removeIf(v -> v == null);
        return Map.of("after", after);
    }
}
