package dev.breezeway.xml.model;

import dev.breezeway.access.Grant;
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
 * A principal as the modern model holds it, answered by principal-modern-info and the XML mirrors'
 * writes, e.g. {@code <principal-modern principal-id="1000009" id="0193…" version="4" etag="W/&quot;4&quot;"
 * created-at="…" password-login="true"><name>Ada L</name><email>ada@x.org</email><roles><role>support:agent</role></roles>
 * <acl><entry resource="orders" permission="read"/></acl><access-attributes><attribute key="channelKey"
 * value="STORE-NYC"/></access-attributes></principal-modern>}; absent values are left out.
 */
@XmlRootElement(name = "principal-modern")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"name", "email", "phone", "roles", "acl", "accessAttributes"})
public final class PrincipalModernXml {
    @XmlAttribute(name = "principal-id")
    public String principalId;
    @XmlAttribute(name = "id")
    public String id;
    @XmlAttribute(name = "version")
    public String version;
    @XmlAttribute(name = "etag")
    public String etag;
    @XmlAttribute(name = "suspended-at")
    public String suspendedAt;
    @XmlAttribute(name = "last-active-at")
    public String lastActiveAt;
    @XmlAttribute(name = "created-at")
    public String createdAt;
    @XmlAttribute(name = "password-login")
    public String passwordLogin;
    @XmlAttribute(name = "password-expires-at")
    public String passwordExpiresAt;
    @XmlElement(name = "name")
    public String name;
    @XmlElement(name = "email")
    public String email;
    @XmlElement(name = "phone")
    public String phone;
    @XmlElementWrapper(name = "roles")
    @XmlElement(name = "role")
    public List<String> roles = new ArrayList<>();
    @XmlElementWrapper(name = "acl")
    @XmlElement(name = "entry")
    public List<Grant> acl = new ArrayList<>();
    @XmlElementWrapper(name = "access-attributes")
    @XmlElement(name = "attribute")
    public List<Attribute> accessAttributes = new ArrayList<>();

    /** {@code <entry resource="orders" permission="*"/>}. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "modernAclEntry")
    public static final class Grant {
        @XmlAttribute(name = "resource")
        public String resource;
        @XmlAttribute(name = "permission")
        public String permission;
    }

    /** {@code <attribute key="channelKey" value="STORE-NYC"/>}: one per value, a key may repeat. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "modernAttribute")
    public static final class Attribute {
        @XmlAttribute(name = "key")
        public String key;
        @XmlAttribute(name = "value")
        public String value;
    }
}
