package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** {@code sso-provider-list}'s answer: {@code <sso-providers><provider slug="corp" …>…</provider></sso-providers>}. */
@XmlRootElement(name = "sso-providers")
@XmlAccessorType(XmlAccessType.FIELD)
public final class SsoProvidersXml {
    @XmlElement(name = "provider")
    public List<SsoProviderXml> providers = new ArrayList<>();
}
