package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/** principal-info's {@code <preferences acl-id="1000009" lang="en" time-zone-id="85"/>}. */
@XmlRootElement(name = "preferences")
@XmlAccessorType(XmlAccessType.FIELD)
public final class PreferencesXml {
    @XmlAttribute(name = "acl-id")
    public String aclId;
    @XmlAttribute(name = "lang")
    public String lang;
    @XmlAttribute(name = "time-zone-id")
    public String timeZoneId;
}
