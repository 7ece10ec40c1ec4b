package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * A custom field definition, alone (custom-field-update) or in {@code <custom-fields>}, e.g.
 * {@code <field account-id="1" display-seq="1" field-id="900000000" field-type="text" is-primary="false"
 * is-required="true" object-type="object-type-principal" permission-id="manage"><comments>…</comments><name>Country</name></field>};
 * {@code <comments>} only when the field has comments.
 */
@XmlRootElement(name = "field")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"comments", "name"})
public final class CustomFieldXml {
    @XmlAttribute(name = "account-id")
    public String accountId;
    @XmlAttribute(name = "display-seq")
    public String displaySeq;
    @XmlAttribute(name = "field-id")
    public String fieldId;
    @XmlAttribute(name = "field-type")
    public String fieldType;
    @XmlAttribute(name = "is-primary")
    public String isPrimary;
    @XmlAttribute(name = "is-required")
    public String isRequired;
    @XmlAttribute(name = "object-type")
    public String objectType;
    @XmlAttribute(name = "permission-id")
    public String permissionId;
    @XmlElement(name = "comments")
    public String comments;
    @XmlElement(name = "name")
    public String name;
}
