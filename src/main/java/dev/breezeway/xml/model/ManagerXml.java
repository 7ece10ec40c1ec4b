package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * principal-info's {@code <manager account-id disabled has-children is-hidden is-primary principal-id type>}
 * with {@code <ext-login/><login/><name/><email/><first-name/><last-name/>}.
 */
@XmlRootElement(name = "manager")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"extLogin", "login", "name", "email", "firstName", "lastName"})
public final class ManagerXml {
    @XmlAttribute(name = "account-id")
    public String accountId;
    @XmlAttribute(name = "disabled")
    public String disabled;
    @XmlAttribute(name = "has-children")
    public String hasChildren;
    @XmlAttribute(name = "is-hidden")
    public String isHidden;
    @XmlAttribute(name = "is-primary")
    public String isPrimary;
    @XmlAttribute(name = "principal-id")
    public String principalId;
    @XmlAttribute(name = "type")
    public String type;
    @XmlElement(name = "ext-login")
    public String extLogin;
    @XmlElement(name = "login")
    public String login;
    @XmlElement(name = "name")
    public String name;
    @XmlElement(name = "email")
    public String email;
    @XmlElement(name = "first-name")
    public String firstName;
    @XmlElement(name = "last-name")
    public String lastName;
}
