package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** custom-fields' {@code <custom-fields><field …>…</field>…</custom-fields>}; {@code <custom-fields/>} when empty. */
@XmlRootElement(name = "custom-fields")
@XmlAccessorType(XmlAccessType.FIELD)
public final class CustomFieldsXml {
    @XmlElement(name = "field")
    public List<CustomFieldXml> fields = new ArrayList<>();
}
