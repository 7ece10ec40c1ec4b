package dev.breezeway.xml.action;

import dev.breezeway.field.CustomFieldService;
import dev.breezeway.field.ObjectType;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.List;
import java.util.Optional;

/**
 * {@code custom-fields-delete} ({@code field-id}, repeatable, and {@code object-type}): deletes the
 * fields and their values, all or none; a field still marked {@code is-primary} is
 * {@code illegal-operation}, an unknown one {@code no-such-item}.
 */
public final class CustomFieldsDeleteAction implements Action {
    private final CustomFieldService fields;

    public CustomFieldsDeleteAction(CustomFieldService fields) {
        this.fields = fields;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        List<Long> ids = p.requiredIds("field-id");
        Optional<ObjectType> type = ActionParams.requiredEnum(p, "object-type", ObjectType::fromWire);
        p.throwIfInvalid();
        fields.delete(call.requireSession(), type.orElseThrow(), ids);
        return Results.ok();
    }
}
