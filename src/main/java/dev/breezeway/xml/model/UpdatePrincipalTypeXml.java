package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/** update-principal-type's {@code <update-principal-type type="user" principal-id="158343788"/>}: the type afterwards. */
@XmlRootElement(name = "update-principal-type")
@XmlAccessorType(XmlAccessType.FIELD)
public final class UpdatePrincipalTypeXml {
    @XmlAttribute(name = "type")
    public String type;
    @XmlAttribute(name = "principal-id")
    public String principalId;
}
