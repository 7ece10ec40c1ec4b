package dev.breezeway.xml.action;

import dev.breezeway.client.ClientService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/**
 * {@code client-rotate} ({@code client-id}): a new secret, answered as
 * {@code <client client-id="…"><secret>…</secret></client>}; the old secret and every token issued
 * with it stop working. An unknown or revoked client is {@code no-data}. Needs {@code clients:manage}.
 */
public final class ClientRotateAction implements Action {
    private final ClientService clients;

    public ClientRotateAction(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public Results handle(Call call) {
        String clientId = ClientXmls.clientId(call.params());
        call.params().throwIfInvalid();
        return Results.ok(ClientXmls.issued(clients.rotate(call.requireSession(), clientId)));
    }
}
