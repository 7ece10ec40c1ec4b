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
 * login-lock-list's {@code <login-locks><lock login="ada@example.com" address="203.0.113.7" failures="5"
 * minutes-left="14"/>…</login-locks>}; a lock of one address over all logins has no {@code login}, one of
 * a login over all addresses no {@code address}.
 */
@XmlRootElement(name = "login-locks")
@XmlAccessorType(XmlAccessType.FIELD)
public final class LoginLocksXml {
    @XmlElement(name = "lock")
    public List<Entry> locks = new ArrayList<>();

    /** One counter over its limit. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "loginLockEntry")
    public static final class Entry {
        @XmlAttribute(name = "login")
        public String login;
        @XmlAttribute(name = "address")
        public String address;
        @XmlAttribute(name = "failures")
        public String failures;
        @XmlAttribute(name = "minutes-left")
        public String minutesLeft;
    }
}
