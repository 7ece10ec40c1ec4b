package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <role locator name version created-at created-by><description/><permissions><permission>users:read</permission>…
 * </permissions></role>}.
 */
@XmlRootElement(name = "role")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "role", propOrder = {"description", "permissions"})
public final class RoleXml {
    @XmlAttribute(name = "locator")
    public String locator;
    @XmlAttribute(name = "name")
    public String name;
    @XmlAttribute(name = "version")
    public String version;
    @XmlAttribute(name = "created-at")
    public String createdAt;
    @XmlAttribute(name = "created-by")
    public String createdBy;
    @XmlElement(name = "description")
    public String description;
    @XmlElementWrapper(name = "permissions")
    @XmlElement(name = "permission")
    public List<String> permissions = new ArrayList<>();
}
