package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/** permissions-info's single form, e.g. {@code <permission acl-id="1000020" permission-id="host" principal-id="1000009"/>}. */
@XmlRootElement(name = "permission")
@XmlAccessorType(XmlAccessType.FIELD)
public final class PermissionXml {
    @XmlAttribute(name = "acl-id")
    public String aclId;
    @XmlAttribute(name = "permission-id")
    public String permissionId;
    @XmlAttribute(name = "principal-id")
    public String principalId;
}
