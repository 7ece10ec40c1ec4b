package dev.breezeway.xml.action;

import dev.breezeway.principal.Principal;
import dev.breezeway.principal.PrincipalService;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.ContactXml;
import dev.breezeway.xml.model.PreferencesXml;
import dev.breezeway.xml.model.PrincipalXml;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code principal-info} ({@code principal-id}): for users {@code <contact>}, {@code <manager>} when
 * set, {@code <preferences>} and {@code <principal>}; for groups only {@code <principal>}. Unknown
 * ids are {@code no-data}. The principal's custom field values end its {@code <principal>} as
 * {@code <x-FIELDID>value</x-FIELDID>}.
 */
public final class PrincipalInfoAction implements Action {
    private final PrincipalService principals;

    public PrincipalInfoAction(PrincipalService principals) {
        this.principals = principals;
    }

    @Override
    public Results handle(Call call) {
        long id = call.params().requiredId("principal-id");
        call.params().throwIfInvalid();
        PrincipalStore.Detail d = principals.view(call.requireSession(), id);
        Principal p = d.principal();
        List<Object> out = new ArrayList<>();
        if (!p.type().isGroup()) {
            ContactXml contact = new ContactXml();
            contact.email = p.email().orElse("");
            contact.firstName = p.firstName().orElse("");
            contact.lastName = p.lastName().orElse("");
            out.add(contact);
            d.manager().ifPresent(m -> out.add(PrincipalXmls.manager(m)));
            PreferencesXml prefs = new PreferencesXml();
            prefs.aclId = Long.toString(p.principalId());
            prefs.lang = p.lang();
            prefs.timeZoneId = Integer.toString(p.timeZoneId());
            out.add(prefs);
        }
        out.add(PrincipalXmls.info(p, d.customValues()));
        return Results.ok(out.toArray());
    }
}
