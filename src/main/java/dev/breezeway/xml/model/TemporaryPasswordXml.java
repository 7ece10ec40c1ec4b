package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlValue;

/**
 * principal-password-reset's {@code <password temporary="true">Tmp9…</password>}, shown once; mailed instead
 * ({@code send-email=true}): {@code <password temporary="true" sent="true" sending-id="…"/>}.
 */
@XmlRootElement(name = "password")
@XmlAccessorType(XmlAccessType.FIELD)
public final class TemporaryPasswordXml {
    @XmlAttribute(name = "temporary")
    public String temporary = "true";
    @XmlAttribute(name = "sent")
    public String sent;
    @XmlAttribute(name = "sending-id")
    public String sendingId;
    @XmlValue
    public String value;
}
