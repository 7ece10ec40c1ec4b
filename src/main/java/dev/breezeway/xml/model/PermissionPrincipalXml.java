package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * One principal of permissions-info's list, e.g. {@code <principal principal-id="1000009" is-primary="false"
 * type="user" has-children="false" permission-id="host" training-group-id=""><name>Ada L</name><login>ada@x.org</login>
 * <display-uid>ada@x.org</display-uid></principal>}; groups add {@code <description>}.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"name", "login", "displayUid", "description"})
public final class PermissionPrincipalXml {
    @XmlAttribute(name = "principal-id")
    public String principalId;
    @XmlAttribute(name = "is-primary")
    public String isPrimary;
    @XmlAttribute(name = "type")
    public String type;
    @XmlAttribute(name = "has-children")
    public String hasChildren;
    @XmlAttribute(name = "permission-id")
    public String permissionId;
    @XmlAttribute(name = "training-group-id")
    public String trainingGroupId;
    @XmlElement(name = "name")
    public String name;
    @XmlElement(name = "login")
    public String login;
    @XmlElement(name = "display-uid")
    public String displayUid;
    @XmlElement(name = "description")
    public String description;
}
