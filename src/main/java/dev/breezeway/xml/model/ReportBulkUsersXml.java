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
 * report-bulk-users' {@code <report-bulk-users><row principal-id="1000004"><login>ada@example.com</login>
 * <name>Ada L</name><email>ada@example.com</email><type>user</type></row>…</report-bulk-users>};
 * {@code <email/>} is empty for a user without one.
 */
@XmlRootElement(name = "report-bulk-users")
@XmlAccessorType(XmlAccessType.FIELD)
public final class ReportBulkUsersXml {
    @XmlElement(name = "row")
    public List<Row> rows = new ArrayList<>();

    /** One user or guest. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "reportBulkUsersRow", propOrder = {"login", "name", "email", "type"})
    public static final class Row {
        @XmlAttribute(name = "principal-id")
        public String principalId;
        @XmlElement(name = "login")
        public String login;
        @XmlElement(name = "name")
        public String name;
        @XmlElement(name = "email")
        public String email;
        @XmlElement(name = "type")
        public String type;
    }
}
