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
 * {@code <principal-list>} of principal-list and principal-list-by-field; always present, empty when
 * nothing matches. Rows: {@code <principal principal-id account-id type has-children is-primary is-hidden
 * training-group-id is-ecommerce><name/><login/>[<email/>]<display-uid/>[<description/>][<is-member/>]</principal>}.
 */
@XmlRootElement(name = "principal-list")
@XmlAccessorType(XmlAccessType.FIELD)
public final class PrincipalListXml {
    @XmlElement(name = "principal")
    public List<Row> rows = new ArrayList<>();

    /** One row. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "principalListRow", propOrder = {"name", "login", "email", "displayUid", "description", "isMember"})
    public static final class Row {
        @XmlAttribute(name = "principal-id")
        public String principalId;
        @XmlAttribute(name = "account-id")
        public String accountId;
        @XmlAttribute(name = "type")
        public String type;
        @XmlAttribute(name = "has-children")
        public String hasChildren;
        @XmlAttribute(name = "is-primary")
        public String isPrimary;
        @XmlAttribute(name = "is-hidden")
        public String isHidden;
        @XmlAttribute(name = "training-group-id")
        public String trainingGroupId;
        @XmlAttribute(name = "is-ecommerce")
        public String isEcommerce;
        @XmlElement(name = "name")
        public String name;
        @XmlElement(name = "login")
        public String login;
        @XmlElement(name = "email")
        public String email;
        @XmlElement(name = "display-uid")
        public String displayUid;
        @XmlElement(name = "description")
        public String description;
        @XmlElement(name = "is-member")
        public String isMember;
    }
}
