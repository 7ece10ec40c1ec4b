package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/** {@code <policy policy-id="7" name="Door access"/>}. */
@XmlRootElement(name = "policy")
@XmlAccessorType(XmlAccessType.FIELD)
public final class PolicyXml {
    @XmlAttribute(name = "policy-id")
    public String policyId;
    @XmlAttribute(name = "name")
    public String name;
}
