package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

/**
 * An OpenID Connect provider, as {@code sso-provider-info} and {@code sso-provider-update} answer it:
 * {@code <sso-provider slug="corp" enabled="true" link-by-email="false" jit-provision="false" has-secret="true"
 * version="2"><name>Corp</name><issuer>https://login.example.com</issuer><client-id>breezeway</client-id>
 * <scopes>openid email profile</scopes><email-claim>email</email-claim><login-url>/sso/corp/login</login-url>
 * </sso-provider>}; in {@code sso-provider-list} the same element is {@code <provider>}. The secret is never shown.
 */
@XmlRootElement(name = "sso-provider")
@XmlAccessorType(XmlAccessType.FIELD)
public final class SsoProviderXml {
    @XmlAttribute(name = "slug")
    public String slug;
    @XmlAttribute(name = "enabled")
    public String enabled;
    @XmlAttribute(name = "link-by-email")
    public String linkByEmail;
    @XmlAttribute(name = "jit-provision")
    public String jitProvision;
    @XmlAttribute(name = "has-secret")
    public String hasSecret;
    @XmlAttribute(name = "version")
    public String version;
    @XmlElement(name = "name")
    public String name;
    @XmlElement(name = "issuer")
    public String issuer;
    @XmlElement(name = "client-id")
    public String clientId;
    @XmlElement(name = "scopes")
    public String scopes;
    @XmlElement(name = "email-claim")
    public String emailClaim;
    @XmlElement(name = "login-url")
    public String loginUrl;
}
