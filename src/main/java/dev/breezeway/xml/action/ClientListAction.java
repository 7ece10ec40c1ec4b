package dev.breezeway.xml.action;

import dev.breezeway.client.ClientService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.ClientListXml;

/**
 * {@code client-list}: the account's live API clients, oldest first, as
 * {@code <client-list><client client-id="…"><name/><date-created/><roles><role/></roles></client></client-list>}.
 * Needs {@code clients:read}.
 */
public final class ClientListAction implements Action {
    private final ClientService clients;

    public ClientListAction(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public Results handle(Call call) {
        ClientListXml x = new ClientListXml();
        clients.list(call.requireSession()).forEach(c -> x.clients.add(ClientXmls.row(c)));
        return Results.ok(x);
    }
}
