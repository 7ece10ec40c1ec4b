package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.List;

/**
 * An API client: client-create and client-rotate answer {@code <client client-id="…"><secret>…</secret></client>}
 * (the secret shown once); client-list rows are
 * {@code <client client-id="…"><name/><date-created/><roles><role/>…</roles></client>}.
 */
@XmlRootElement(name = "client")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "client", propOrder = {"name", "secret", "dateCreated", "roles"})
public final class ClientXml {
    @XmlAttribute(name = "client-id")
    public String clientId;
    @XmlElement(name = "name")
    public String name;
    @XmlElement(name = "secret")
    public String secret;
    @XmlElement(name = "date-created")
    public String dateCreated;
    @XmlElementWrapper(name = "roles")
    @XmlElement(name = "role")
    public List<String> roles;
}
