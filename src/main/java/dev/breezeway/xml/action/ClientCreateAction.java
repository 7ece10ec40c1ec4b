package dev.breezeway.xml.action;

import dev.breezeway.client.ClientService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/**
 * {@code client-create} ({@code name}): registers an API client and answers
 * {@code <client client-id="…"><secret>…</secret></client>}; the secret is shown this once. Needs
 * {@code clients:manage}.
 */
public final class ClientCreateAction implements Action {
    private final ClientService clients;

    public ClientCreateAction(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public Results handle(Call call) {
        String name = call.params().requiredText("name", 1, 255);
        call.params().throwIfInvalid();
        return Results.ok(ClientXmls.issued(clients.create(call.requireSession(), name)));
    }
}
