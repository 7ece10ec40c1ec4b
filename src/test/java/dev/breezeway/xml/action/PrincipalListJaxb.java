package dev.breezeway.xml.action;

import dev.breezeway.principal.PrincipalRow;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The JAXB binding principal-list was rendered with before it was streamed ({@link PrincipalListBody}),
 * kept as the reference the streamed rows must equal, e.g. {@code <principal-list><principal
 * principal-id="1000004" …><name>Ada L</name>…</principal></principal-list>}.
 */
@XmlRootElement(name = "principal-list")
@XmlAccessorType(XmlAccessType.FIELD)
public final class PrincipalListJaxb {
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

    /** The rows as the JAXB renderer filled them. */
    public static PrincipalListJaxb of(List<PrincipalRow> rows) {
        PrincipalListJaxb x = new PrincipalListJaxb();
        for (PrincipalRow p : rows) {
            Row row = new Row();
            row.principalId = Long.toString(p.principalId());
            row.accountId = Long.toString(p.accountId());
            row.type = p.type().wire();
            row.hasChildren = Boolean.toString(p.type().isGroup());
            row.isPrimary = Boolean.toString(p.isPrimary());
            row.isHidden = Boolean.toString(p.isHidden());
            row.trainingGroupId = "";
            row.isEcommerce = "false";
            row.name = p.name();
            row.login = p.breezeLogin();
            row.email = p.type().isGroup() ? null : p.email().orElse(null);
            row.displayUid = p.breezeLogin();
            row.description = p.type().isGroup() ? p.description().orElse("") : null;
            row.isMember = p.isMember().map(b -> Boolean.toString(b)).orElse(null);
            x.rows.add(row);
        }
        return x;
    }
}
