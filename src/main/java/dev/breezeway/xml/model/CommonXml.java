package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * {@code <common locale="en" time-zone-id="85" time-zone-java-id="UTC"><cookie>…</cookie><date>…</date>
 * <host>…</host><local-host>…</local-host><admin-host>…</admin-host><url>…</url><version>…</version>
 * [<account account-id/>] [<user user-id type><name/><login/></user>] [<user-agent>]</common>}.
 */
@XmlRootElement(name = "common")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"cookie", "date", "host", "localHost", "adminHost", "url", "version", "account", "user",
        "userAgent"})
public final class CommonXml {
    @XmlAttribute(name = "locale")
    public String locale;
    @XmlAttribute(name = "time-zone-id")
    public String timeZoneId;
    @XmlAttribute(name = "time-zone-java-id")
    public String timeZoneJavaId;
    @XmlElement(name = "cookie")
    public String cookie;
    @XmlElement(name = "date")
    public String date;
    @XmlElement(name = "host")
    public String host;
    @XmlElement(name = "local-host")
    public String localHost;
    @XmlElement(name = "admin-host")
    public String adminHost;
    @XmlElement(name = "url")
    public String url;
    @XmlElement(name = "version")
    public String version;
    @XmlElement(name = "account")
    public AccountRef account;
    @XmlElement(name = "user")
    public UserRef user;
    @XmlElement(name = "user-agent")
    public String userAgent;

    /** {@code <account account-id="1"/>}. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static final class AccountRef {
        @XmlAttribute(name = "account-id")
        public String accountId;
    }

    /** {@code <user user-id="1000009" type="user"><name>Ada L</name><login>ada@example.com</login></user>}. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(propOrder = {"name", "login"})
    public static final class UserRef {
        @XmlAttribute(name = "user-id")
        public String userId;
        @XmlAttribute(name = "type")
        public String type;
        @XmlElement(name = "name")
        public String name;
        @XmlElement(name = "login")
        public String login;
    }
}
