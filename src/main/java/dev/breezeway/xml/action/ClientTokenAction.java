package dev.breezeway.xml.action;

import dev.breezeway.client.ClientService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.ClientTokenXml;

/**
 * {@code client-token} ({@code client-id}, {@code client-secret}): a client token, answered as
 * {@code <client-token expires-in="86400">…</client-token>}, to send as {@code session=} (or as a
 * bearer token on the JSON face). Wrong, unknown or revoked credentials are {@code no-data}.
 */
public final class ClientTokenAction implements Action {
    private final ClientService clients;

    public ClientTokenAction(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        String clientId = ClientXmls.clientId(p);
        String secret = p.requiredText("client-secret", 1, 255);
        p.throwIfInvalid();
        ClientTokenXml x = new ClientTokenXml();
        x.token = clients.issueToken(clientId, secret, call.request().userAgent());
        x.expiresIn = Long.toString(ClientService.TOKEN_LIFETIME.toSeconds());
        return Results.ok(x);
    }
}
