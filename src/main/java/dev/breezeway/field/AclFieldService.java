package dev.breezeway.field;

import dev.breezeway.access.Authorizer;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.acl.AclKind;
import dev.breezeway.acl.AclObjectStore;
import dev.breezeway.error.AccessSubcode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.session.Session;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;

/**
 * The rules for reading and writing field values on ACL objects (the caller's account and its live
 * principals), shared by every face.
 *
 * <p>Who may read: an administrator reads any object of the account; anyone else reads only their
 * own principal (acl-field-info on another object is {@code no-access denied}; acl-field-list shows
 * them only their own row). Writing is for administrators (the action table enforces it) and only
 * touches custom fields; named fields change through principal-update.
 */
public final class AclFieldService {
    private static final Invalid NO_SUCH_FIELD = Invalid.of("field-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM);

    private final DSLContext db;
    private final AclObjectStore objects;
    private final CustomFieldStore fields;
    private final AclFieldStore values;
    private final Clock clock;
    private final Authorizer authz;

    private final dev.breezeway.audit.AuditLog audit;

    public AclFieldService(DSLContext db, AclObjectStore objects, CustomFieldStore fields, AclFieldStore values,
                           Clock clock, Authorizer authz, dev.breezeway.audit.AuditLog audit) {
        this.audit = audit;
        this.authz = authz;
        this.db = db;
        this.objects = objects;
        this.fields = fields;
        this.values = values;
        this.clock = clock;
    }

    /** A field named on the wire: a named field such as {@code first-name}, or a custom field id. */
    public sealed interface FieldRef {
        record Named(NamedField field) implements FieldRef {
        }

        record Custom(long fieldId) implements FieldRef {
        }
    }

    /**
     * One value to write, e.g. acl-id 1000009, field 900000003, "Belgium"; an empty value removes it.
     * An empty field id stands for a field-id that cannot name a custom field, e.g. {@code first-name}.
     */
    public record Write(long aclId, OptionalLong fieldId, String value) {
    }

    /**
     * The fields of {@code aclId} that have a value: for a principal first-name, last-name, email and
     * login, then its custom fields in display order; for the account {@code account-company}.
     *
     * @throws ApiException {@code no-access denied} for another object than a non-administrator's own
     *                      principal; {@code no-data} if {@code aclId} names nothing in the account
     */
    public List<AclFieldValue> info(Session caller, long aclId) {
        authz.requireSelfOr(caller, aclId, PermissionCatalogue.USERS_READ);
        AclKind kind = objects.kindOf(caller.accountId(), aclId).orElseThrow(ApiException::noData);
        if (kind == AclKind.ACCOUNT) {
            return values.valuesOfNamedField(caller.accountId(), NamedField.ACCOUNT_COMPANY, OptionalLong.of(aclId),
                    0, 1);
        }
        List<AclFieldValue> out = new ArrayList<>(values.namedValuesOf(caller.accountId(), aclId));
        for (AclFieldStore.CustomValue v : values.customValuesOf(aclId)) {
            out.add(new AclFieldValue(aclId, Long.toString(v.fieldId()), v.value()));
        }
        return out;
    }

    /**
     * The values of {@code field} in the caller's account, by acl-id (a non-administrator sees only
     * their own): at most {@code rows} of them, from the {@code start}th (0-based).
     *
     * @throws ApiException {@code invalid} ({@code field-id}, {@code no-such-item}) for an unknown custom field
     */
    public List<AclFieldValue> list(Session caller, FieldRef field, int start, int rows) {
        OptionalLong only = authz.can(caller, PermissionCatalogue.USERS_READ) ? OptionalLong.empty()
                : OptionalLong.of(caller.principalId());
        if (field instanceof FieldRef.Named n) {
            return values.valuesOfNamedField(caller.accountId(), n.field(), only, start, rows);
        }
        long id = ((FieldRef.Custom) field).fieldId();
        if (fields.find(caller.accountId(), id).isEmpty()) {
            throw noSuchField();
        }
        return values.valuesOfCustomField(caller.accountId(), id, only, start, rows);
    }

    /**
     * Writes every value in order in one transaction, or none: each acl-id must name an object of
     * the account ({@code no-such-item} on {@code acl-id}) and each field must be a custom field that
     * applies to that object ({@code no-such-item} on {@code field-id}). Writing the same values
     * again changes nothing.
     */
    public void update(Session caller, List<Write> writes) {
        db.transaction(() -> {
            DSLContext t = db;
            List<Invalid> problems = new ArrayList<>();
            for (Write w : writes) {
                Optional<AclKind> kind = objects.kindOf(t, caller.accountId(), w.aclId());
                if (kind.isEmpty()) {
                    problems.add(Invalid.of("acl-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM));
                }
                boolean applies = w.fieldId().isPresent() && fields.findForShare(t, caller.accountId(),
                                w.fieldId().getAsLong())
                        .filter(f -> kind.isEmpty() || f.objectType().appliesTo(kind.get())).isPresent();
                if (!applies) {
                    problems.add(NO_SUCH_FIELD);
                }
            }
            if (!problems.isEmpty()) {
                throw ApiException.invalid(problems);
            }
            Map<Long, Map<String, List<Long>>> changed = new LinkedHashMap<>();
            for (Write w : writes) {
                long fieldId = w.fieldId().getAsLong();
                if (w.value().isEmpty()) {
                    values.remove(t, w.aclId(), fieldId);
                } else {
                    values.put(t, w.aclId(), fieldId, w.value(), clock.instant());
                }
                changed.computeIfAbsent(w.aclId(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(w.value().isEmpty() ? "cleared" : "set", k -> new ArrayList<>()).add(fieldId);
            }
            // Recorded with the change (and so seen by every node's change feed); the field ids, never the values.
            List<dev.breezeway.audit.AuditTarget> targets = changed.keySet().stream()
                    .map(id -> dev.breezeway.audit.AuditTarget.of("acl", id, null)).toList();
            audit.changeAll(caller, "field.values", targets, List.copyOf(changed.values()));
        });
    }

    private static ApiException noSuchField() {
        return ApiException.invalid(Invalid.of("field-id", FieldType.STRING, InvalidSubcode.NO_SUCH_ITEM));
    }
}
