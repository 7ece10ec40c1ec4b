package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** client-list's {@code <client-list><client client-id="…">…</client>…</client-list>}. */
@XmlRootElement(name = "client-list")
@XmlAccessorType(XmlAccessType.FIELD)
public final class ClientListXml {
    @XmlElement(name = "client")
    public List<ClientXml> clients = new ArrayList<>();
}
