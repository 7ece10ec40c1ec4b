package dev.breezeway.xml.action;

import dev.breezeway.mail.SendingService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.SendingsXml;

/** {@code sending-info} ({@code sending-id}): one {@code <sending>} with the delivery state of each mail. */
public final class SendingInfoAction implements Action {
    private final SendingService sendings;

    public SendingInfoAction(SendingService sendings) {
        this.sendings = sendings;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        String id = p.requiredText("sending-id", 1, 36);
        p.throwIfInvalid();
        return Results.ok(SendingsXml.of(sendings.get(call.requireSession(), id)));
    }
}
