package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** user-accounts' {@code <users><user user-id account-id><name/><date-expired/></user></users>}. */
@XmlRootElement(name = "users")
@XmlAccessorType(XmlAccessType.FIELD)
public final class UsersXml {
    @XmlElement(name = "user")
    public List<User> users = new ArrayList<>();

    /** One account the credentials belong to. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "userAccount", propOrder = {"name", "dateExpired"})
    public static final class User {
        @XmlAttribute(name = "user-id")
        public String userId;
        @XmlAttribute(name = "account-id")
        public String accountId;
        @XmlElement(name = "name")
        public String name;
        @XmlElement(name = "date-expired")
        public String dateExpired;
    }
}
