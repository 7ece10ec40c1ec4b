package dev.breezeway.xml.action;

import dev.breezeway.client.ClientService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.List;

/**
 * {@code client-roles-update} ({@code client-id}, repeated {@code role}): replaces the client's own
 * roles, whose permissions its tokens then hold; no {@code role} at all clears them. Needs
 * {@code clients:manage}.
 */
public final class ClientRolesUpdateAction implements Action {
    private final ClientService clients;

    public ClientRolesUpdateAction(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        String clientId = ClientXmls.clientId(p);
        List<String> roles = p.all("role");
        p.throwIfInvalid();
        clients.setRoles(call.requireSession(), clientId, roles);
        return Results.ok();
    }
}
