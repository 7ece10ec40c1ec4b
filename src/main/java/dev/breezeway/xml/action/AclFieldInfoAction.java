package dev.breezeway.xml.action;

import dev.breezeway.field.AclFieldService;
import dev.breezeway.field.AclFieldValue;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.AclFieldsXml;
import java.util.List;
import java.util.Locale;

/**
 * {@code acl-field-info} ({@code acl-id}, optional repeatable {@code filter-field-id}): the fields of a
 * principal or of the account with their values, e.g.
 * {@code <acl-fields><field acl-id="1000009" field-id="first-name"><value>Ada</value></field>
 * <field acl-id="1000009" field-id="900000003"><value>Belgium</value></field></acl-fields>}.
 * {@code filter-field-id} values OR together and match case-insensitively; a custom field may be
 * named {@code 900000003} or {@code x-900000003}. Access rules are those of {@link AclFieldService}.
 */
public final class AclFieldInfoAction implements Action {
    private final AclFieldService fields;

    public AclFieldInfoAction(AclFieldService fields) {
        this.fields = fields;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        long aclId = p.requiredId("acl-id");
        List<String> wanted = p.all("filter-field-id").stream().map(AclFieldInfoAction::normalized).toList();
        p.throwIfInvalid();
        AclFieldsXml x = new AclFieldsXml();
        for (AclFieldValue v : fields.info(call.requireSession(), aclId)) {
            if (wanted.isEmpty() || wanted.contains(normalized(v.fieldId()))) {
                x.fields.add(FieldXmls.aclField(v));
            }
        }
        return Results.ok(x);
    }

    private static String normalized(String fieldId) {
        String s = fieldId.strip().toLowerCase(Locale.ROOT);
        return s.startsWith("x-") && ActionParams.positiveLong(s.substring(2)).isPresent() ? s.substring(2) : s;
    }
}
