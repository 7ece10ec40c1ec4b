package dev.breezeway.xml.action;

import dev.breezeway.client.ApiClient;
import dev.breezeway.client.ClientService;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.model.ClientXml;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The XML forms of API clients shared by the client actions, e.g. {@code <client client-id="…"><secret/></client>}. */
final class ClientXmls {
    static final int CLIENT_ID_MAX = 40;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);

    private ClientXmls() {
    }

    /** The required {@code client-id} parameter. */
    static String clientId(Params p) {
        return p.requiredText("client-id", 1, CLIENT_ID_MAX);
    }

    /** create and rotate: the id and the secret, nothing else. */
    static ClientXml issued(ClientService.Issued i) {
        ClientXml x = new ClientXml();
        x.clientId = i.client().clientId();
        x.secret = i.secret();
        return x;
    }

    /** A client-list row. */
    static ClientXml row(ApiClient c) {
        ClientXml x = new ClientXml();
        x.clientId = c.clientId();
        x.name = c.name();
        x.dateCreated = ISO.format(c.createdAt());
        x.roles = c.roles();
        return x;
    }
}
