package dev.breezeway.xml.action;

import dev.breezeway.client.ClientService;
import dev.breezeway.query.ListLimit;
import dev.breezeway.query.ListQuery;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.FilterParams;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.ClientListXml;

/**
 * {@code client-list}: the account's live API clients, oldest first, as
 * {@code <client-list><client client-id="…"><name/><date-created/><roles><role/></roles></client></client-list>}.
 * Needs {@code clients:read}. Paged with {@code filter-start}/{@code filter-rows} and limited as every
 * list is ({@link ListLimit}).
 */
public final class ClientListAction implements Action {
    private final ClientService clients;
    private final ListLimit limit;

    public ClientListAction(ClientService clients, ListLimit limit) {
        this.clients = clients;
        this.limit = limit;
    }

    @Override
    public Results handle(Call call) {
        ListQuery page = FilterParams.page(call.params());
        call.params().throwIfInvalid();
        ClientListXml x = new ClientListXml();
        limit.page(call.request().rows(), page, clients.list(call.requireSession())).forEach(c -> x.clients.add(ClientXmls.row(c)));
        return Results.ok(x);
    }
}
