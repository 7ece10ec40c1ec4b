package dev.breezeway.client;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestPrincipals;
import dev.breezeway.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Test set-up for API clients: registers clients as the administrator, gives them roles holding
 * exact permissions, and fetches their tokens, e.g. {@code clients.register("sync", "users:list")}.
 */
final class Clients {
    private final TestServer server;

    Clients(TestServer server) {
        this.server = server;
    }

    /** A registered client: its id and its current secret. */
    record Client(String id, String secret) {
    }

    /** A fresh administrator session (tests move the clock past the idle timeout, so none is kept). */
    BreezeClient admin() {
        return server.admin();
    }

    /** Registers a client through client-create whose single role (named after it) holds exactly {@code permissions}. */
    Client register(String name, String... permissions) {
        BreezeClient admin = admin();
        String xml = admin.call("client-create", "name", name);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        Client c = new Client(xpath(xml, "/results/client/@client-id"), xpath(xml, "/results/client/secret"));
        if (permissions.length > 0) {
            String role = "client-role:" + name;
            defineRole(role, permissions);
            String set = admin.call("client-roles-update", "client-id", c.id(), "role", role);
            assertThat(status(set)).as(set).isEqualTo("ok");
        }
        return c;
    }

    /** Defines a role of the first account holding {@code permissions}, as IamAccessHttpTest does. */
    void defineRole(String role, String... permissions) {
        try (Connection c = server.jdbc()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO role (account_id, name) VALUES (?, ?)")) {
                ps.setLong(1, TestPrincipals.accountId(server));
                ps.setString(2, role);
                ps.executeUpdate();
            }
            for (String p : permissions) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO role_permission (role_id, permission)"
                        + " SELECT role_id, ? FROM role WHERE name = ?")) {
                    ps.setString(1, p);
                    ps.setString(2, role);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The humanId of a principal: its UUID as 32 lower-case hex digits. */
    String humanIdOf(long principalId) {
        try (Connection c = server.jdbc();
             PreparedStatement ps = c.prepareStatement("SELECT LOWER(HEX(uuid)) FROM principal WHERE principal_id = ?")) {
            ps.setLong(1, principalId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POST /v1/admin/token with the given values (as JSON strings). */
    JsonClient.Reply requestToken(String clientId, String secret, String type) {
        return new JsonClient(server.baseUrl()).post("/v1/admin/token", "{\"client_id\":" + JsonClient.q(clientId)
                + ",\"client_secret\":" + JsonClient.q(secret) + ",\"type\":" + JsonClient.q(type) + "}");
    }

    /** A client token for {@code c}, asserting success. */
    String token(Client c) {
        JsonClient.Reply r = requestToken(c.id(), c.secret(), "client");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body().get("client_token").asText();
    }

    /** A JSON client that sends {@code token} as its bearer token. */
    JsonClient json(String token) {
        JsonClient j = new JsonClient(server.baseUrl());
        j.useToken(token);
        return j;
    }

    /** A Breeze client that sends {@code token} as {@code session=}. */
    BreezeClient xml(String token) {
        BreezeClient b = server.client();
        b.useSession(token);
        return b;
    }

    /** Creates a user through XML principal-update as the client behind {@code xml}; returns the reply. */
    static String createUser(BreezeClient xml, String login, String clientUserId) {
        return xml.call("principal-update", "type", "user", "has-children", "0", "login", login, "first-name", "Sam",
                "last-name", "Doe", "email", login, "password", "Client-User-Pass-77", "client-user-id", clientUserId);
    }

    static final String USER_PASSWORD = "Client-User-Pass-77";
}
