package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** role-list's {@code <role-list list-completed="true"><role …/>…</role-list>}. */
@XmlRootElement(name = "role-list")
@XmlAccessorType(XmlAccessType.FIELD)
public final class RoleListXml {
    @XmlAttribute(name = "list-completed")
    public String listCompleted;
    @XmlElement(name = "role")
    public List<RoleXml> roles = new ArrayList<>();
}
