package dev.breezeway.xml.action;

import dev.breezeway.org.OrgService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.SmartcardsXml;

/** {@code user-smartcards-info} ({@code principal-id}) → its cards in clear, for itself or an organisation admin. */
public final class UserSmartcardsInfoAction implements Action {
    private final OrgService org;

    public UserSmartcardsInfoAction(OrgService org) {
        this.org = org;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
        long id = p.requiredId("principal-id");
        p.throwIfInvalid();
        SmartcardsXml x = new SmartcardsXml();
        x.principalId = Long.toString(id);
        for (OrgService.Smartcard s : org.smartcards(call.requireSession(), id)) {
            SmartcardsXml.Card c = new SmartcardsXml.Card();
            c.number = s.number();
            c.label = s.label().orElse(null);
            x.cards.add(c);
        }
        return Results.ok(x);
    }
}
