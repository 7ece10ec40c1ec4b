package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** One {@code <field acl-id="1000009" field-id="first-name"><value>Ada</value></field>} of {@code <acl-fields>}. */
@XmlAccessorType(XmlAccessType.FIELD)
public final class AclFieldXml {
    @XmlAttribute(name = "acl-id")
    public String aclId;
    @XmlAttribute(name = "field-id")
    public String fieldId;
    @XmlElement(name = "value")
    public String value;
}
