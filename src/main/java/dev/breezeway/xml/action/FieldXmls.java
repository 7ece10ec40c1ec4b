package dev.breezeway.xml.action;

import dev.breezeway.field.AclFieldValue;
import dev.breezeway.field.CustomField;
import dev.breezeway.xml.model.AclFieldXml;
import dev.breezeway.xml.model.AclValueXml;
import dev.breezeway.xml.model.CustomFieldXml;

/** Renders custom fields and ACL field values, e.g. {@code <field field-id="900000003" …><name>Country</name></field>}. */
final class FieldXmls {
    private FieldXmls() {
    }

    static CustomFieldXml field(CustomField f) {
        CustomFieldXml x = new CustomFieldXml();
        x.accountId = Long.toString(f.accountId());
        x.displaySeq = Integer.toString(f.displaySeq());
        x.fieldId = Long.toString(f.fieldId());
        x.fieldType = f.fieldType().wire();
        x.isPrimary = Boolean.toString(f.isPrimary());
        x.isRequired = Boolean.toString(f.isRequired());
        x.objectType = f.objectType().wire();
        x.permissionId = f.permissionId();
        x.comments = f.comments().orElse(null);
        x.name = f.name();
        return x;
    }

    static AclFieldXml aclField(AclFieldValue v) {
        AclFieldXml x = new AclFieldXml();
        x.aclId = Long.toString(v.aclId());
        x.fieldId = v.fieldId();
        x.value = v.value();
        return x;
    }

    static AclValueXml aclValue(AclFieldValue v) {
        AclValueXml x = new AclValueXml();
        x.aclId = Long.toString(v.aclId());
        x.value = v.value();
        return x;
    }
}
