package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** acl-field-info's {@code <acl-fields><field acl-id field-id><value/></field>…</acl-fields>}. */
@XmlRootElement(name = "acl-fields")
@XmlAccessorType(XmlAccessType.FIELD)
public final class AclFieldsXml {
    @XmlElement(name = "field")
    public List<AclFieldXml> fields = new ArrayList<>();
}
