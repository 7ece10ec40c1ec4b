package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <principal>} of principal-info (also {@code <manager>} with the same shape), e.g.
 * {@code <principal account-id="1" disabled="" has-children="false" is-ecommerce="false" is-hidden="false"
 * is-primary="false" principal-id="1000009" tos-status="" type="user"><ext-login>…</ext-login>…</principal>}.
 * Custom field values follow the standard elements as {@code <x-FIELDID>value</x-FIELDID>}, e.g.
 * {@code <x-900000003>Belgium</x-900000003>}; their names vary, hence {@code JAXBElement}s.
 */
@XmlRootElement(name = "principal")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"description", "extLogin", "login", "name", "email", "firstName", "lastName",
        "accountExpiryLoginNotif", "dontShowLoginNotif", "customFields"})
public final class PrincipalXml {
    @XmlAttribute(name = "account-id")
    public String accountId;
    @XmlAttribute(name = "disabled")
    public String disabled;
    @XmlAttribute(name = "has-children")
    public String hasChildren;
    @XmlAttribute(name = "is-ecommerce")
    public String isEcommerce;
    @XmlAttribute(name = "is-hidden")
    public String isHidden;
    @XmlAttribute(name = "is-primary")
    public String isPrimary;
    @XmlAttribute(name = "principal-id")
    public String principalId;
    @XmlAttribute(name = "tos-status")
    public String tosStatus;
    @XmlAttribute(name = "type")
    public String type;
    @XmlElement(name = "description")
    public String description;
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
    @XmlElement(name = "account-expiry-login-notif")
    public String accountExpiryLoginNotif;
    @XmlElement(name = "dont-show-login-notif")
    public String dontShowLoginNotif;
    /** {@code JAXBElement<String>}s named {@code x-FIELDID}; no DOM, which would cost a transformer per marshal. */
    @XmlAnyElement
    public List<Object> customFields = new ArrayList<>();
}
