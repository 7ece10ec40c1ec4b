package dev.breezeway.xml.action;

import dev.breezeway.mail.SendingService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.SendingsXml;
import java.util.List;

/**
 * {@code sending-create} ({@code category}, {@code subject}, {@code body-html}, {@code recipient-id} repeated: principal
 * ids of the account): the XML mirror of {@code POST /resources/sendings}; answers the queued {@code <sending>}. In an
 * {@code <actions>} batch the mails are queued in the batch's transaction: a rolled-back batch sends nothing.
 */
public final class SendingCreateAction implements Action {
    private final SendingService sendings;

    public SendingCreateAction(SendingService sendings) {
        this.sendings = sendings;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        String category = p.requiredText("category", 1, 64);
        String subject = p.requiredText("subject", 1, 255);
        String body = p.requiredText("body-html", 1, SendingService.MAX_BODY_CHARS);
        List<Long> ids = p.requiredIds("recipient-id");
        p.throwIfInvalid();
        List<SendingService.Recipient> recipients = ids.stream()
                .<SendingService.Recipient>map(SendingService.Recipient.ById::new).toList();
        return Results.ok(SendingsXml.of(sendings.create(call.requireSession(), category, subject, body, recipients)));
    }
}
