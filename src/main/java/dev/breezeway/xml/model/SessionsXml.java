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
 * session-list's {@code <sessions><session session-id="6f1c…" type="password" created-at="…" expires-at="…"
 * is-current="true" is-revoked="false"><description>curl on Linux</description></session>…</sessions>};
 * {@code revoked-at} only on revoked sessions.
 */
@XmlRootElement(name = "sessions")
@XmlAccessorType(XmlAccessType.FIELD)
public final class SessionsXml {
    @XmlElement(name = "session")
    public List<Entry> sessions = new ArrayList<>();

    /** One session of the principal. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "sessionEntry", propOrder = {"description"})
    public static final class Entry {
        @XmlAttribute(name = "session-id")
        public String sessionId;
        @XmlAttribute(name = "type")
        public String type;
        @XmlAttribute(name = "created-at")
        public String createdAt;
        @XmlAttribute(name = "expires-at")
        public String expiresAt;
        @XmlAttribute(name = "is-current")
        public String isCurrent;
        @XmlAttribute(name = "is-revoked")
        public String isRevoked;
        @XmlAttribute(name = "revoked-at")
        public String revokedAt;
        @XmlAttribute(name = "client-id")
        public String clientId;
        @XmlAttribute(name = "client-name")
        public String clientName;
        @XmlElement(name = "description")
        public String description;
    }
}
