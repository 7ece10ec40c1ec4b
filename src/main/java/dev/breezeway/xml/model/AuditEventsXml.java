package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * audit-event-list's {@code <audit-events><event event-id="42" kind="membership.add"
 * occurred-at="2026-12-02T13:45:00.123Z" actor-id="1000003" object-type="principal" object-id="1000009"
 * address="127.0.0.1" face="xml"><actor-login>admin</actor-login><object-name>ada@example.com</object-name>
 * <details>{"group-id":1000001,"group-name":"admins"}</details></event>…</audit-events>}, newest first.
 */
@XmlRootElement(name = "audit-events")
@XmlAccessorType(XmlAccessType.FIELD)
public final class AuditEventsXml {
    @XmlElement(name = "event")
    public List<Entry> events = new ArrayList<>();

    /** One event; absent facts (an anonymous actor, a change outside a request) are absent attributes. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "auditEventEntry")
    public static final class Entry {
        @XmlAttribute(name = "event-id")
        public String eventId;
        @XmlAttribute(name = "kind")
        public String kind;
        @XmlAttribute(name = "occurred-at")
        public String occurredAt;
        @XmlAttribute(name = "actor-id")
        public String actorId;
        @XmlAttribute(name = "object-type")
        public String objectType;
        @XmlAttribute(name = "object-id")
        public String objectId;
        @XmlAttribute(name = "address")
        public String address;
        @XmlAttribute(name = "face")
        public String face;
        @XmlElement(name = "actor-login")
        public String actorLogin;
        @XmlElement(name = "object-name")
        public String objectName;
        @XmlElement(name = "details")
        public String details;
    }
}
