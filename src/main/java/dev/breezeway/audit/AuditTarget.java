package dev.breezeway.audit;

/**
 * The object an audit event is about, e.g. {@code principal 1000009 ada@example.com}, {@code client 96cb8d… Billing},
 * {@code policy xml}. {@code id} is the identifier the XML face shows (principal ids are numbers).
 */
public record AuditTarget(String type, String id, String name) {
    public static AuditTarget principal(long id, String name) {
        return new AuditTarget("principal", Long.toString(id), name);
    }

    public static AuditTarget of(String type, Object id, String name) {
        return new AuditTarget(type, id == null ? null : id.toString(), name);
    }
}
