package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * principal-update's create reply: {@code <principal principal-id account-id type has-children>} with
 * {@code <ext-login/><name/><login/>} for users or {@code <description/><name/><login/>} for groups;
 * {@code has-children} echoes the request ({@code 0}, {@code 1}, {@code true}, {@code false}).
 */
@XmlRootElement(name = "principal")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "createdPrincipal", propOrder = {"description", "extLogin", "name", "login"})
public final class CreatedPrincipalXml {
    @XmlAttribute(name = "principal-id")
    public String principalId;
    @XmlAttribute(name = "account-id")
    public String accountId;
    @XmlAttribute(name = "type")
    public String type;
    @XmlAttribute(name = "has-children")
    public String hasChildren;
    @XmlElement(name = "description")
    public String description;
    @XmlElement(name = "ext-login")
    public String extLogin;
    @XmlElement(name = "name")
    public String name;
    @XmlElement(name = "login")
    public String login;
}
