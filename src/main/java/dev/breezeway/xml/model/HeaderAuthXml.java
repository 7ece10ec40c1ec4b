package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code header-auth-info}'s answer: {@code <header-auth header-name="X-Remote-User" enabled="true"
 * source="database"><trusted>10.0.0.5</trusted><trusted>10.1.0.0/16</trusted></header-auth>}; {@code source} is
 * {@code start-up} while no administrator has changed the start-up values.
 */
@XmlRootElement(name = "header-auth")
@XmlAccessorType(XmlAccessType.FIELD)
public final class HeaderAuthXml {
    @XmlAttribute(name = "header-name")
    public String headerName;
    @XmlAttribute(name = "enabled")
    public String enabled;
    @XmlAttribute(name = "source")
    public String source;
    @XmlElement(name = "trusted")
    public List<String> trusted = new ArrayList<>();
}
