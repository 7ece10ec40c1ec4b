package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** principal-info's {@code <contact><email/><first-name/><last-name/></contact>} for users. */
@XmlRootElement(name = "contact")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"email", "firstName", "lastName"})
public final class ContactXml {
    @XmlElement(name = "email")
    public String email;
    @XmlElement(name = "first-name")
    public String firstName;
    @XmlElement(name = "last-name")
    public String lastName;
}
