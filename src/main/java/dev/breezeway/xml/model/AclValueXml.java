package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** One {@code <acl acl-id="1000009"><value>Ada</value></acl>} of {@code <acl-field-list>}. */
@XmlAccessorType(XmlAccessType.FIELD)
public final class AclValueXml {
    @XmlAttribute(name = "acl-id")
    public String aclId;
    @XmlElement(name = "value")
    public String value;
}
