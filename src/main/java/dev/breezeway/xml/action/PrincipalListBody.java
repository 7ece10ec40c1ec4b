package dev.breezeway.xml.action;

import dev.breezeway.principal.PrincipalRow;
import dev.breezeway.xml.XmlWriter;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code <principal-list>} of principal-list and principal-list-by-field, written straight to the
 * StAX writer; always present, {@code <principal-list></principal-list>} when nothing matches. A row:
 * {@code <principal principal-id="1000004" account-id="7" type="user" has-children="false"
 * is-primary="false" is-hidden="false" training-group-id="" is-ecommerce="false"><name>Ada L</name>
 * <login>ada@example.com</login><email>ada@example.com</email><display-uid>ada@example.com</display-uid>
 * </principal>}, then {@code <description>} for groups and {@code <is-member>} when a membership was
 * asked for. Lists are the hot path of the XML API: JAXB's reflective marshalling of these rows cost
 * more than the query, so this writer emits the same elements, attributes and order by hand.
 */
final class PrincipalListBody implements XmlWriter.Body {
    private final List<PrincipalRow> rows;

    PrincipalListBody(List<PrincipalRow> rows) {
        this.rows = List.copyOf(rows);
    }

    @Override
    public void write(XMLStreamWriter w) throws XMLStreamException {
        w.writeStartElement("principal-list");
        for (PrincipalRow r : rows) {
            boolean group = r.type().isGroup();
            w.writeStartElement("principal");
            w.writeAttribute("principal-id", Long.toString(r.principalId()));
            w.writeAttribute("account-id", Long.toString(r.accountId()));
            w.writeAttribute("type", r.type().wire());
            w.writeAttribute("has-children", group ? "true" : "false");
            w.writeAttribute("is-primary", r.isPrimary() ? "true" : "false");
            w.writeAttribute("is-hidden", r.isHidden() ? "true" : "false");
            w.writeAttribute("training-group-id", "");
            w.writeAttribute("is-ecommerce", "false");
            text(w, "name", r.name());
            text(w, "login", r.breezeLogin());
            if (!group && r.email().isPresent()) {
                text(w, "email", r.email().get());
            }
            text(w, "display-uid", r.breezeLogin());
            if (group) {
                text(w, "description", r.description().orElse(""));
            }
            if (r.isMember().isPresent()) {
                text(w, "is-member", r.isMember().get() ? "true" : "false");
            }
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        w.writeStartElement(element);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
