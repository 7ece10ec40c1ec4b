package dev.breezeway.xml.action;

import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.mail.SendingService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.SendingsXml;
import java.util.OptionalLong;

/**
 * {@code sending-list} ({@code filter-state} queued|sending|delivered|failed, {@code filter-start} ≥ 0,
 * {@code filter-rows} 1–100, default 50): the account's sendings newest first, as {@link SendingsXml}.
 */
public final class SendingListAction implements Action {
    private final SendingService sendings;

    public SendingListAction(SendingService sendings) {
        this.sendings = sendings;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        var state = p.optionalText("filter-state", 1, 16);
        int start = number(p, "filter-start", 0, 0, Integer.MAX_VALUE);
        int rows = number(p, "filter-rows", 50, 1, 100);
        p.throwIfInvalid();
        SendingsXml x = new SendingsXml();
        for (SendingService.Sending s : sendings.list(call.requireSession(), state, OptionalLong.empty(), start, rows)) {
            x.sendings.add(SendingsXml.of(s));
        }
        return Results.ok(x);
    }

    private static int number(Params p, String name, int fallback, int min, int max) {
        var raw = p.optionalText(name, 1, 12);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.get().strip());
            if (v >= min && v <= max) {
                return v;
            }
            p.problem(Invalid.range(name, FieldType.LONG, min, max));
        } catch (NumberFormatException e) {
            p.problem(Invalid.of(name, FieldType.LONG, InvalidSubcode.FORMAT));
        }
        return fallback;
    }
}
