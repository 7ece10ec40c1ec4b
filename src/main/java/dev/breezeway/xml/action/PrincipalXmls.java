package dev.breezeway.xml.action;

import dev.breezeway.field.AclFieldStore;
import dev.breezeway.principal.Principal;
import dev.breezeway.principal.PrincipalRow;
import dev.breezeway.xml.model.ManagerXml;
import dev.breezeway.xml.model.PrincipalXml;
import java.util.List;
import jakarta.xml.bind.JAXBElement;
import javax.xml.namespace.QName;

/** Renders principals in the shapes of principal-info, e.g. {@code <principal … type="user">}. */
final class PrincipalXmls {
    private PrincipalXmls() {
    }

    /** principal-info's {@code <principal>} with the custom field values as {@code <x-FIELDID>} elements. */
    static PrincipalXml info(Principal p, List<AclFieldStore.CustomValue> customValues) {
        PrincipalXml x = info(p);
        if (customValues.isEmpty()) {
            return x;
        }
        for (AclFieldStore.CustomValue v : customValues) {
            x.customFields.add(new JAXBElement<>(new QName("x-" + v.fieldId()), String.class, v.value()));
        }
        return x;
    }

    static PrincipalXml info(Principal p) {
        PrincipalXml x = new PrincipalXml();
        x.accountId = Long.toString(p.accountId());
        x.disabled = p.suspendedAt().isPresent() ? "true" : "";
        x.hasChildren = Boolean.toString(p.type().isGroup());
        x.isEcommerce = "false";
        x.isHidden = Boolean.toString(p.isHidden());
        x.isPrimary = Boolean.toString(p.isPrimary());
        x.principalId = Long.toString(p.principalId());
        x.tosStatus = "";
        x.type = p.type().wire();
        if (p.type().isGroup()) {
            x.description = p.description().orElse("");
            x.login = p.breezeLogin();
            x.name = p.name();
        } else {
            x.extLogin = p.externalLogin();
            x.login = p.breezeLogin();
            x.name = p.name();
            x.email = p.email().orElse("");
            x.firstName = p.firstName().orElse("");
            x.lastName = p.lastName().orElse("");
            x.accountExpiryLoginNotif = "false";
            x.dontShowLoginNotif = "false";
        }
        return x;
    }

    /** principal-list's {@code <principal-list>}, streamed. */
    static PrincipalListBody list(List<PrincipalRow> rows) {
        return new PrincipalListBody(rows);
    }

    static ManagerXml manager(Principal m) {
        ManagerXml x = new ManagerXml();
        x.accountId = Long.toString(m.accountId());
        x.disabled = m.suspendedAt().isPresent() ? "true" : "";
        x.hasChildren = Boolean.toString(m.type().isGroup());
        x.isHidden = Boolean.toString(m.isHidden());
        x.isPrimary = Boolean.toString(m.isPrimary());
        x.principalId = Long.toString(m.principalId());
        x.type = m.type().wire();
        x.extLogin = m.externalLogin();
        x.login = m.breezeLogin();
        x.name = m.name();
        x.email = m.email().orElse("");
        x.firstName = m.firstName().orElse("");
        x.lastName = m.lastName().orElse("");
        return x;
    }
}
