package dev.breezeway.xml.action;

import dev.breezeway.principal.Lifecycle;
import dev.breezeway.access.Rank;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/** {@code user-rank-update} ({@code principal-id}, {@code rank} = REGULAR, ADMIN or SUPER): only a SUPER makes or unmakes an ADMIN or SUPER. */
public final class UserRankUpdateAction implements Action {
    private final Lifecycle org;

    public UserRankUpdateAction(Lifecycle org) {
        this.org = org;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
        long id = p.requiredId("principal-id");
        p.throwIfInvalid();
        Rank rank = Rank.parse(p.requiredText("rank", 1, 16)).orElseThrow(() -> dev.breezeway.error.ApiException.invalid(dev.breezeway.error.Invalid.of("rank", dev.breezeway.error.FieldType.STRING, dev.breezeway.error.InvalidSubcode.FORMAT)));
        org.setRank(call.requireSession(), id, rank);
        return Results.ok();
    }
}
