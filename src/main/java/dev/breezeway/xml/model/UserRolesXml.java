package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <user-roles principal-id="…"><role>helpdesk</role>…</user-roles>}: the roles a user holds (seed 002). */
@XmlRootElement(name = "user-roles")
@XmlAccessorType(XmlAccessType.FIELD)
public final class UserRolesXml {
    @XmlAttribute(name = "principal-id")
    public String principalId;
    @XmlElement(name = "role")
    public List<String> roles = new ArrayList<>();

    public static UserRolesXml of(long principalId, List<String> names) {
        UserRolesXml x = new UserRolesXml();
        x.principalId = Long.toString(principalId);
        x.roles.addAll(names);
        return x;
    }
}
