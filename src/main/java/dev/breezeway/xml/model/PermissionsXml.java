package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** permissions-info's list form, {@code <permissions><principal …>…</principal>…</permissions>}. */
@XmlRootElement(name = "permissions")
@XmlAccessorType(XmlAccessType.FIELD)
public final class PermissionsXml {
    @XmlElement(name = "principal")
    public List<PermissionPrincipalXml> principals = new ArrayList<>();
}
