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
 * sending-list's {@code <sendings><sending sending-id="…" category="password_reset" state="queued"
 * created-at="…"><subject>Password Reset</subject><mail mail-id="7" recipient-id="1000009" state="queued"
 * attempts="1" next-attempt-at="…"><address>ada@example.com</address><last-error>…</last-error></mail></sending>
 * …</sendings>}, newest first; sending-create and sending-info answer one {@code <sending>}.
 */
@XmlRootElement(name = "sendings")
@XmlAccessorType(XmlAccessType.FIELD)
public final class SendingsXml {
    @XmlElement(name = "sending")
    public List<Sending> sendings = new ArrayList<>();

    @XmlRootElement(name = "sending")
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "sendingEntry")
    public static final class Sending {
        @XmlAttribute(name = "sending-id")
        public String sendingId;
        @XmlAttribute(name = "category")
        public String category;
        @XmlAttribute(name = "state")
        public String state;
        @XmlAttribute(name = "created-at")
        public String createdAt;
        @XmlElement(name = "subject")
        public String subject;
        @XmlElement(name = "mail")
        public List<Mail> mails = new ArrayList<>();
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "sendingMail")
    public static final class Mail {
        @XmlAttribute(name = "mail-id")
        public String mailId;
        @XmlAttribute(name = "recipient-id")
        public String recipientId;
        @XmlAttribute(name = "state")
        public String state;
        @XmlAttribute(name = "attempts")
        public String attempts;
        @XmlAttribute(name = "next-attempt-at")
        public String nextAttemptAt;
        @XmlAttribute(name = "delivered-at")
        public String deliveredAt;
        @XmlElement(name = "address")
        public String address;
        @XmlElement(name = "last-error")
        public String lastError;
    }

    /** The XML of one sending. */
    public static Sending of(dev.breezeway.mail.SendingService.Sending s) {
        Sending x = new Sending();
        x.sendingId = s.id();
        x.category = s.category();
        x.state = s.state();
        x.createdAt = s.mails().get(0).createdAt().toString();
        x.subject = s.subject();
        for (var m : s.mails()) {
            Mail y = new Mail();
            y.mailId = Long.toString(m.mailId());
            y.recipientId = m.recipientId().map(Object::toString).orElse(null);
            y.state = m.state();
            y.attempts = Integer.toString(m.attempts());
            y.nextAttemptAt = m.state().equals("queued") ? m.nextAttemptAt().toString() : null;
            y.deliveredAt = m.deliveredAt().map(Object::toString).orElse(null);
            y.address = m.address();
            y.lastError = m.lastError().orElse(null);
            x.mails.add(y);
        }
        return x;
    }
}
