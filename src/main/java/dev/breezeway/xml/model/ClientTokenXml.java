package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlValue;

/** client-token's {@code <client-token expires-in="86400">breez…</client-token>}. */
@XmlRootElement(name = "client-token")
@XmlAccessorType(XmlAccessType.FIELD)
public final class ClientTokenXml {
    @XmlAttribute(name = "expires-in")
    public String expiresIn;
    @XmlValue
    public String token;
}
