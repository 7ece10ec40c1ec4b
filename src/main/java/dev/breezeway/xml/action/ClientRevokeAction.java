package dev.breezeway.xml.action;

import dev.breezeway.client.ClientService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/**
 * {@code client-revoke} ({@code client-id}): the client, its secret and all its tokens stop working;
 * revoking again answers {@code ok}, an unknown client is {@code no-data}. Needs {@code clients:manage}.
 */
public final class ClientRevokeAction implements Action {
    private final ClientService clients;

    public ClientRevokeAction(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public Results handle(Call call) {
        String clientId = ClientXmls.clientId(call.params());
        call.params().throwIfInvalid();
        clients.revoke(call.requireSession(), clientId);
        return Results.ok();
    }
}
