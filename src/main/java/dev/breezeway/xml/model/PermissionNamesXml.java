package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <permission-list><permission>users:read</permission>…</permission-list>}: a catalogue or a user's permissions. */
@XmlRootElement(name = "permission-list")
@XmlAccessorType(XmlAccessType.FIELD)
public final class PermissionNamesXml {
    @XmlElement(name = "permission")
    public List<String> permissions = new ArrayList<>();

    public static PermissionNamesXml of(List<String> names) {
        PermissionNamesXml x = new PermissionNamesXml();
        x.permissions.addAll(names);
        return x;
    }
}
