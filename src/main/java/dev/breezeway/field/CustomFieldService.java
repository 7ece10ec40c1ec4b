package dev.breezeway.field;

import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.query.ListQuery;
import dev.breezeway.session.Session;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jooq.DSLContext;

/**
 * The rules for custom field definitions in the caller's account, shared by every face.
 *
 * <ul>
 *   <li>At most {@value #MAX_FIELDS_PER_OBJECT_TYPE} fields per object type and account. Creating one
 *       more is {@code <invalid field="field-id" type="id" subcode="limit-reached"/>}: the limit is on
 *       the ids an object type can have, and Adobe clients know {@code limit-reached} as a subcode.</li>
 *   <li>A name is unique per account and object type ({@code duplicate} on {@code name}), so a
 *       repeated create request never makes a second field.</li>
 *   <li>A field with {@code is-primary} true cannot be deleted ({@code illegal-operation} on
 *       {@code field-id}); deleting a field deletes its values.</li>
 * </ul>
 */
public final class CustomFieldService {
    public static final int MAX_FIELDS_PER_OBJECT_TYPE = 8;

    private final DSLContext db;
    private final CustomFieldStore store;
    private final Clock clock;
    private final dev.breezeway.audit.AuditLog audit;

    public CustomFieldService(DSLContext db, CustomFieldStore store, Clock clock, dev.breezeway.audit.AuditLog audit) {
        this.audit = audit;
        this.db = db;
        this.store = store;
        this.clock = clock;
    }

    /** A field to create; an empty display-seq places it after the others of its object type. */
    public record NewField(ObjectType objectType, String name, CustomFieldType fieldType, boolean isRequired,
                           boolean isPrimary, OptionalInt displaySeq, Optional<String> comments) {
    }

    public List<CustomField> list(Session caller, ListQuery q) {
        return store.list(caller.accountId(), q);
    }

    /** Creates a field in the caller's account. */
    public CustomField create(Session caller, NewField f) {
        long accountId = caller.accountId();
        long id = db.transactionResult(() -> {
            DSLContext t = db;
            store.lockAccount(t, accountId);
            if (store.count(t, accountId, f.objectType()) >= MAX_FIELDS_PER_OBJECT_TYPE) {
                throw ApiException.invalid(Invalid.of("field-id", FieldType.ID, InvalidSubcode.LIMIT_REACHED));
            }
            int seq = f.displaySeq().isPresent() ? f.displaySeq().getAsInt()
                    : store.nextDisplaySeq(t, accountId, f.objectType());
            try {
                long made = store.insert(t, new CustomFieldStore.NewField(accountId, f.objectType(), f.name(),
                        f.fieldType(), f.isRequired(), f.isPrimary(), seq, f.comments()), clock.instant());
                audit.change(caller, "custom-field.create", target(made, f.name()),
                        Map.of("object-type", f.objectType().wire(), "display-seq", seq));
                return made;
            } catch (CustomFieldStore.NameTakenException e) {
                throw duplicateName();
            }
        });
        return store.find(accountId, id).orElseThrow();
    }

    /**
     * Changes the caller's account's field {@code c.fieldId()} of object type {@code c.objectType()}.
     *
     * @throws ApiException {@code no-such-item} on {@code field-id} if there is none
     */
    public CustomField update(Session caller, CustomFieldStore.FieldChange c) {
        long accountId = caller.accountId();
        CustomField updated = db.transactionResult(() -> {
            boolean found;
            try {
                found = store.update(db, accountId, c, clock.instant());
            } catch (CustomFieldStore.NameTakenException e) {
                throw duplicateName();
            }
            if (!found) {
                throw ApiException.invalid(Invalid.of("field-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM));
            }
            CustomField f = store.find(accountId, c.fieldId()).orElseThrow(ApiException::noData);
            audit.change(caller, "custom-field.update", target(f.fieldId(), f.name()),
                    Map.of("object-type", f.objectType().wire(), "display-seq", f.displaySeq()));
            return f;
        });
        return updated;
    }

    /**
     * Deletes the fields, all or none: each must be a field of {@code type} in the caller's account
     * ({@code no-such-item}) with is-primary false ({@code illegal-operation}).
     */
    public void delete(Session caller, ObjectType type, List<Long> fieldIds) {
        long accountId = caller.accountId();
        db.transaction(() -> {
            DSLContext t = db;
            List<Invalid> problems = new ArrayList<>();
            for (long id : fieldIds) {
                Optional<CustomField> f = store.find(t, accountId, id).filter(x -> x.objectType() == type);
                if (f.isEmpty()) {
                    problems.add(Invalid.of("field-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM));
                } else if (f.get().isPrimary()) {
                    problems.add(Invalid.of("field-id", FieldType.ID, InvalidSubcode.ILLEGAL_OPERATION));
                }
            }
            if (!problems.isEmpty()) {
                throw ApiException.invalid(problems);
            }
            store.delete(t, accountId, fieldIds);
            audit.changeAll(caller, "custom-field.delete", fieldIds.stream().map(id -> target(id, null)).toList(),
                    fieldIds.stream().map(id -> Map.of("object-type", type.wire())).toList());
        });
    }

    private static dev.breezeway.audit.AuditTarget target(long fieldId, String name) {
        return dev.breezeway.audit.AuditTarget.of("custom-field", fieldId, name);
    }

    private static ApiException duplicateName() {
        return ApiException.invalid(Invalid.of("name", FieldType.STRING, InvalidSubcode.DUPLICATE));
    }
}
