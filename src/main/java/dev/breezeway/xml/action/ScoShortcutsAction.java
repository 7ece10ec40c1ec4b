package dev.breezeway.xml.action;

import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.ShortcutsXml;

/**
 * {@code sco-shortcuts}: clients call it to check that a reused session is still valid, so a live session
 * answers {@code ok} with {@code <shortcuts/>} (there are no SCOs) and an expired one the usual
 * {@code no-access}/{@code no-login} of the gate.
 */
public final class ScoShortcutsAction implements Action {
    @Override
    public Results handle(Call call) {
        call.requireSession();
        return Results.ok(new ShortcutsXml());
    }
}
