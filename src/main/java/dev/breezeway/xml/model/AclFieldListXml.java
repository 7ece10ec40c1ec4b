package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** acl-field-list's {@code <acl-field-list><acl acl-id><value/></acl>…</acl-field-list>}. */
@XmlRootElement(name = "acl-field-list")
@XmlAccessorType(XmlAccessType.FIELD)
public final class AclFieldListXml {
    @XmlElement(name = "acl")
    public List<AclValueXml> acls = new ArrayList<>();
}
