package dev.breezeway.xml.action;

import dev.breezeway.org.OrgService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code user-smartcards-update} ({@code principal-id}, repeated {@code number} with an optional
 * {@code label} at the same position, {@code allow-duplicates}): replaces the cards; none removes them.
 */
public final class UserSmartcardsUpdateAction implements Action {
    private final OrgService org;

    public UserSmartcardsUpdateAction(OrgService org) {
        this.org = org;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
        long id = p.requiredId("principal-id");
        boolean allowDuplicates = p.optionalBool("allow-duplicates").orElse(false);
        p.throwIfInvalid();
        List<String> numbers = p.all("number");
        List<String> labels = p.all("label");
        List<OrgService.Smartcard> cards = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            cards.add(new OrgService.Smartcard(numbers.get(i).strip(),
                    i < labels.size() && !labels.get(i).isBlank() ? Optional.of(labels.get(i)) : Optional.empty()));
        }
        org.setSmartcards(call.requireSession(), id, cards, allowDuplicates);
        return Results.ok();
    }
}
