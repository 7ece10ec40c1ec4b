package dev.breezeway.xml.action;

import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.field.AclFieldService;
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
 * {@code acl-field-update}: repeated trios {@code acl-id}, {@code field-id} (a custom field id, plain
 * or {@code x-}prefixed), {@code value}, e.g.
 * {@code acl-id=1000009&field-id=x-900000003&value=Belgium}, written in order in one transaction or
 * not at all. Every bad trio is reported: {@code missing}, {@code format}, {@code range} (value longer
 * than 4000 characters) or {@code no-such-item} (unknown object, or a field that is not a custom
 * field of that object, named fields included). An empty value removes the field's value.
 */
public final class AclFieldUpdateAction implements Action {
    private static final int MAX_VALUE = 4000;
    private final AclFieldService fields;

    public AclFieldUpdateAction(AclFieldService fields) {
        this.fields = fields;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        List<ParamGroups.Group> trios = ParamGroups.read(p, "acl-id", "field-id", "value");
        if (trios.isEmpty()) {
            p.problem(Invalid.of("acl-id", FieldType.ID, InvalidSubcode.MISSING));
            p.problem(Invalid.of("field-id", FieldType.ID, InvalidSubcode.MISSING));
            p.problem(Invalid.of("value", FieldType.STRING, InvalidSubcode.MISSING));
        }
        List<AclFieldService.Write> writes = new ArrayList<>();
        for (ParamGroups.Group g : trios) {
            OptionalLong aclId = ActionParams.groupId(p, "acl-id", g.get(0));
            Optional<OptionalLong> fieldId = fieldId(p, g.get(1));
            Optional<String> value = value(p, g.get(2));
            if (aclId.isPresent() && fieldId.isPresent() && value.isPresent()) {
                writes.add(new AclFieldService.Write(aclId.getAsLong(), fieldId.get(), value.get()));
            }
        }
        p.throwIfInvalid();
        fields.update(call.requireSession(), writes);
        return Results.ok();
    }

    /** The custom field id, empty inside if the value cannot name one (the service reports it); empty if missing. */
    private static Optional<OptionalLong> fieldId(Params p, Optional<String> raw) {
        Optional<String> v = raw.map(String::strip).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            p.problem(Invalid.of("field-id", FieldType.ID, InvalidSubcode.MISSING));
            return Optional.empty();
        }
        return Optional.of(ActionParams.customFieldId(v.get()));
    }

    private static Optional<String> value(Params p, Optional<String> raw) {
        if (raw.isEmpty()) {
            p.problem(Invalid.of("value", FieldType.STRING, InvalidSubcode.MISSING));
            return Optional.empty();
        }
        String v = raw.get().strip();
        if (v.codePointCount(0, v.length()) > MAX_VALUE) {
            p.problem(Invalid.range("value", FieldType.STRING, 0, MAX_VALUE));
            return Optional.empty();
        }
        return Optional.of(v);
    }
}
