package dev.breezeway.xml.action;

import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.field.CustomField;
import dev.breezeway.field.CustomFieldService;
import dev.breezeway.field.CustomFieldStore;
import dev.breezeway.field.CustomFieldType;
import dev.breezeway.field.ObjectType;
import dev.breezeway.session.Session;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code custom-field-update}: without {@code field-id} creates a custom field ({@code object-type},
 * {@code permission-id=manage}, {@code name}, {@code field-type}, {@code is-required}, {@code is-primary};
 * optional {@code comments}, {@code display-seq}, {@code account-id}); with it updates that field
 * ({@code field-id}, {@code object-type}, {@code name} required, the rest optional; an empty
 * {@code comments} clears them). Replies with the field, e.g.
 * {@code <field field-id="900000000" …><name>Country</name></field>}. An {@code account-id} other than
 * the caller's is {@code no-such-item}; the limits are those of {@link CustomFieldService}.
 */
public final class CustomFieldUpdateAction implements Action {
    private static final int MAX_NAME = 255;
    private static final int MAX_COMMENTS = 4000;
    private final CustomFieldService fields;

    public CustomFieldUpdateAction(CustomFieldService fields) {
        this.fields = fields;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        boolean isUpdate = p.first("field-id").map(String::strip).filter(s -> !s.isEmpty()).isPresent();
        return Results.ok(FieldXmls.field(isUpdate ? update(p, caller) : create(p, caller)));
    }

    private CustomField create(Params p, Session caller) {
        Optional<ObjectType> objectType = ActionParams.requiredEnum(p, "object-type", ObjectType::fromWire);
        ActionParams.requiredEnum(p, "permission-id", CustomFieldUpdateAction::manage);
        String name = p.requiredText("name", 1, MAX_NAME);
        Optional<CustomFieldType> fieldType = ActionParams.requiredEnum(p, "field-type", CustomFieldType::fromWire);
        Optional<Boolean> isRequired = ActionParams.requiredBool(p, "is-required");
        Optional<Boolean> isPrimary = ActionParams.requiredBool(p, "is-primary");
        Optional<String> comments = p.optionalText("comments", 0, MAX_COMMENTS);
        OptionalInt displaySeq = ActionParams.optionalCount(p, "display-seq");
        checkAccount(p, caller);
        p.throwIfInvalid();
        return fields.create(caller, new CustomFieldService.NewField(objectType.orElseThrow(), name,
                fieldType.orElseThrow(), isRequired.orElseThrow(), isPrimary.orElseThrow(), displaySeq, comments));
    }

    private CustomField update(Params p, Session caller) {
        Optional<Long> fieldId = p.optionalId("field-id");
        Optional<ObjectType> objectType = ActionParams.requiredEnum(p, "object-type", ObjectType::fromWire);
        ActionParams.optionalEnum(p, "permission-id", CustomFieldUpdateAction::manage);
        String name = p.requiredText("name", 1, MAX_NAME);
        Optional<CustomFieldType> fieldType = ActionParams.optionalEnum(p, "field-type", CustomFieldType::fromWire);
        Optional<Boolean> isRequired = p.optionalBool("is-required");
        Optional<Boolean> isPrimary = p.optionalBool("is-primary");
        Optional<String> comments = p.has("comments")
                ? Optional.of(p.optionalText("comments", 0, MAX_COMMENTS).orElse(""))
                : Optional.empty();
        OptionalInt displaySeq = ActionParams.optionalCount(p, "display-seq");
        checkAccount(p, caller);
        p.throwIfInvalid();
        return fields.update(caller, new CustomFieldStore.FieldChange(fieldId.orElseThrow(), objectType.orElseThrow(), name,
                fieldType, isRequired, isPrimary, displaySeq, comments));
    }

    private static void checkAccount(Params p, Session caller) {
        p.optionalId("account-id").filter(id -> id != caller.accountId())
                .ifPresent(id -> p.problem(Invalid.of("account-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM)));
    }

    private static Optional<String> manage(String raw) {
        return Optional.of(raw).filter(CustomField.MANAGE::equals);
    }
}
