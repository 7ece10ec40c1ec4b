package dev.breezeway.iam;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Suspension, password reset, sessions, permissions from roles and ACL, and access attributes. */
class IamAccessHttpTest {
    private static TestServer server;
    private static Directory dir;
    private static JsonClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        dir = new Directory(server);
        admin = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Creates a user through Breeze (with a password) and returns its modern id. */
    private static String user(String login) {
        dir.user(login, "Some", "One");
        return idOf(login);
    }

    private static String idOf(String email) {
        JsonClient.Reply r = admin.post("/resources/graph/query", "{\"resource\":\"identity\",\"filters\":[{\"field\":\"email\","
                + "\"op\":\"eq\",\"value\":" + JsonClient.q(email) + "}]}");
        return r.body().get("items").get(0).get("id").asText();
    }

    private static String etag(String id) {
        return admin.get("/resources/iam/principals/" + id).etag().orElseThrow();
    }

    private static JsonClient.Reply setAcl(String id, String... entries) {
        StringBuilder sb = new StringBuilder("{\"acl\":[");
        for (int i = 0; i < entries.length; i++) {
            sb.append(i == 0 ? "" : ",").append(JsonClient.q(entries[i]));
        }
        JsonClient.Reply r = admin.put("/resources/iam/principals/" + id + "/acl", sb.append("]}").toString(),
                Optional.of(etag(id)));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r;
    }

    @Test
    void suspensionEndsExistingSessionsOnBothFacesAndBlocksLogin() {
        String id = user("suspend-me@example.com");
        BreezeClient xml = server.client();
        xml.login("suspend-me@example.com", Directory.USER_PASSWORD);
        JsonClient json = JsonClient.loggedIn(server, "suspend-me@example.com", Directory.USER_PASSWORD);
        assertThat(json.get("/resources/me").status()).isEqualTo(200);

        JsonClient.Reply s = admin.post("/resources/iam/principals/" + id + "/suspend", "", etag(id));
        assertThat(s.status()).as(s.raw()).isEqualTo(200);
        assertThat(s.body().get("suspendedAt").isNull()).isFalse();

        assertThat(json.get("/resources/me").status()).isEqualTo(401);
        assertSimilar("<results><status code=\"no-access\" subcode=\"no-login\"/></results>", xml.call("principal-list"));
        JsonClient.Reply login = new JsonClient(server.baseUrl()).post("/resources/auth/login",
                "{\"login\":\"suspend-me@example.com\",\"password\":\"" + Directory.USER_PASSWORD + "\"}");
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.errorCode()).isEqualTo("ACCOUNT_SUSPENDED");
        assertThat(login.errorMessage()).isEqualTo("Account has been suspended");
        assertThat(status(server.client().call("login", "login", "suspend-me@example.com", "password",
                Directory.USER_PASSWORD))).isEqualTo("no-data");

        JsonClient.Reply list = admin.get("/resources/iam/principals?search=suspend-me&limit=10");
        assertThat(list.body().get("principals").size()).isZero();
        JsonClient.Reply withSuspended = admin.get("/resources/iam/principals?search=suspend-me&includeSuspended=true");
        assertThat(withSuspended.body().get("principals").size()).isEqualTo(1);

        assertThat(admin.post("/resources/iam/principals/" + id + "/reactivate", "", etag(id)).status()).isEqualTo(200);
        JsonClient.loggedIn(server, "suspend-me@example.com", Directory.USER_PASSWORD);
    }

    @Test
    void suspendNeedsTheEtag() {
        String id = user("suspend-etag@example.com");
        assertThat(admin.post("/resources/iam/principals/" + id + "/suspend", "").status()).isEqualTo(428);
        assertThat(admin.post("/resources/iam/principals/" + id + "/suspend", "", "W/\"999\"").status()).isEqualTo(412);
    }

    @Test
    void temporaryPasswordSessionMayOnlyChangeThePassword() {
        String id = user("temp@example.com");
        JsonClient.Reply reset = admin.post("/resources/iam/principals/" + id + "/password/reset", "");
        assertThat(reset.status()).as(reset.raw()).isEqualTo(200);
        String temporary = reset.body().get("temporaryPassword").asText();
        assertThat(status(server.client().call("login", "login", "temp@example.com", "password", Directory.USER_PASSWORD)))
                .isEqualTo("no-data");

        JsonClient user = new JsonClient(server.baseUrl());
        JsonClient.Reply login = user.post("/resources/auth/login",
                "{\"login\":\"temp@example.com\",\"password\":" + JsonClient.q(temporary) + "}");
        assertThat(login.body().get("passwordChangeRequired").asBoolean()).isTrue();
        user.useToken(login.body().get("token").asText());
        JsonClient.Reply blocked = user.get("/resources/me");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.errorCode()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
        BreezeClient xml = server.client();
        xml.useSession(user.token().orElseThrow());
        assertThat(status(xml.call("principal-list"))).isEqualTo("no-access");

        JsonClient.Reply weak = user.post("/resources/me/password",
                "{\"currentPassword\":" + JsonClient.q(temporary) + ",\"newPassword\":\"password1\"}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.errorCode()).isEqualTo("WEAK_PASSWORD");
        JsonClient.Reply wrong = user.post("/resources/me/password",
                "{\"currentPassword\":\"Not-The-Temp-1\",\"newPassword\":\"Brand-New-Own-77\"}");
        assertThat(wrong.status()).isEqualTo(401);
        JsonClient.Reply ok = user.post("/resources/me/password",
                "{\"currentPassword\":" + JsonClient.q(temporary) + ",\"newPassword\":\"Brand-New-Own-77\"}");
        assertThat(ok.status()).as(ok.raw()).isEqualTo(204);
        JsonClient.Reply me = user.get("/resources/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("id").asText()).isEqualTo(id);
        server.client().login("temp@example.com", "Brand-New-Own-77");
    }

    @Test
    void principalsListAndRevokeTheirOwnSessions() {
        String id = user("sessions@example.com");
        JsonClient a = JsonClient.loggedIn(server, "sessions@example.com", Directory.USER_PASSWORD);
        JsonClient b = JsonClient.loggedIn(server, "sessions@example.com", Directory.USER_PASSWORD);
        JsonClient.Reply list = a.get("/resources/iam/principals/" + id + "/sessions");
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        assertThat(list.body().size()).isEqualTo(2);
        JsonNode current = null;
        JsonNode other = null;
        for (JsonNode s : list.body()) {
            if (s.get("isCurrent").asBoolean()) {
                current = s;
            } else {
                other = s;
            }
            for (String f : new String[]{"id", "type", "createdAt", "accessTokenExpiresAt", "isCurrent", "isRevoked",
                    "revokedAt", "clientId", "clientName", "description"}) {
                assertThat(s.has(f)).as(f).isTrue();
            }
        }
        assertThat(current).isNotNull();
        assertThat(other.get("description").asText()).isEqualTo("Java HTTP client");
        assertThat(a.delete("/resources/iam/principals/" + id + "/sessions/" + other.get("id").asText(), Optional.empty()).status())
                .isEqualTo(204);
        assertThat(b.get("/resources/me").status()).isEqualTo(401);
        assertThat(a.get("/resources/me").status()).isEqualTo(200);
        JsonClient.Reply live = a.get("/resources/iam/principals/" + id + "/sessions");
        assertThat(live.body().findValues("isRevoked").stream().filter(JsonNode::asBoolean).count())
                .as("revoked sessions are not listed unless asked for").isZero();
        JsonClient.Reply after = a.get("/resources/iam/principals/" + id + "/sessions?includeRevoked=true");
        assertThat(after.body().findValues("isRevoked").stream().filter(JsonNode::asBoolean).count()).isEqualTo(1);
    }

    @Test
    void othersSessionsNeedPermission() {
        String adminId = admin.get("/resources/me").body().get("id").asText();
        user("nosy@example.com");
        JsonClient nosy = JsonClient.loggedIn(server, "nosy@example.com", Directory.USER_PASSWORD);
        JsonClient.Reply r = nosy.get("/resources/iam/principals/" + adminId + "/sessions");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void permissionsComeFromAclEntriesWithWildcards() {
        String id = user("reader@example.com");
        JsonClient reader = JsonClient.loggedIn(server, "reader@example.com", Directory.USER_PASSWORD);
        assertThat(reader.get("/resources/iam/principals").status()).isEqualTo(403);
        setAcl(id, "iam/principals:read");
        assertThat(reader.get("/resources/iam/principals").status()).isEqualTo(200);
        assertThat(reader.put("/resources/iam/principals/" + UUID.randomUUID(), "{\"name\":\"X\"}", Optional.empty()).status())
                .isEqualTo(403);
        setAcl(id, "iam/principals:*");
        assertThat(reader.put("/resources/iam/principals/" + UUID.randomUUID(), "{\"name\":\"By Reader\"}", Optional.empty())
                .status()).isEqualTo(201);
    }

    @Test
    void permissionsComeFromRoles() throws Exception {
        String id = user("role-holder@example.com");
        try (Connection c = server.jdbc(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO role (account_id, name) VALUES (1, 'iam:editor')");
            s.execute("INSERT INTO role_permission (role_id, permission) SELECT role_id, 'iam/principals:write' FROM role"
                    + " WHERE name = 'iam:editor'");
            s.execute("INSERT INTO role_permission (role_id, permission) SELECT role_id, 'iam/principals:read' FROM role"
                    + " WHERE name = 'iam:editor'");
        }
        JsonClient holder = JsonClient.loggedIn(server, "role-holder@example.com", Directory.USER_PASSWORD);
        assertThat(holder.get("/resources/iam/principals").status()).isEqualTo(403);
        admin.put("/resources/iam/principals/" + id + "/roles", "{\"roles\":[\"iam:editor\"]}", Optional.of(etag(id)));
        assertThat(holder.get("/resources/iam/principals").status()).isEqualTo(200);
        assertThat(holder.get("/resources/iam/principals?role=iam:editor").body().get("totalCount").asInt()).isEqualTo(1);
    }

    @Test
    void accessAttributesScopeWhatACallerSees() {
        String manager = user("nyc-manager@example.com");
        String nyc = user("nyc-clerk@example.com");
        String bos = user("bos-clerk@example.com");
        setAcl(manager, "iam/principals:*");
        admin.put("/resources/iam/principals/" + manager + "/access-attributes",
                "{\"accessAttributes\":{\"channelKey\":[\"STORE-NYC\"]}}", Optional.of(etag(manager)));
        admin.put("/resources/iam/principals/" + nyc + "/access-attributes",
                "{\"accessAttributes\":{\"channelKey\":[\"STORE-NYC\",\"STORE-BOS\"]}}", Optional.of(etag(nyc)));
        admin.put("/resources/iam/principals/" + bos + "/access-attributes",
                "{\"accessAttributes\":{\"channelKey\":\"STORE-BOS\"}}", Optional.of(etag(bos)));
        JsonClient m = JsonClient.loggedIn(server, "nyc-manager@example.com", Directory.USER_PASSWORD);
        JsonClient.Reply list = m.get("/resources/iam/principals?search=clerk");
        assertThat(list.body().get("totalCount").asInt()).isEqualTo(1);
        assertThat(list.body().get("principals").get(0).get("id").asText()).isEqualTo(nyc);
        assertThat(m.get("/resources/iam/principals/" + nyc).status()).isEqualTo(200);
        JsonClient.Reply denied = m.get("/resources/iam/principals/" + bos);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(m.patch("/resources/iam/principals/" + bos, "{\"name\":\"x\"}", Optional.of("*")).status()).isEqualTo(403);
    }

    @Test
    void breezeAdminsHoldEveryPermission() {
        String id = user("promoted-json@example.com");
        String pid = server.admin().call("principal-list", "filter-login", "promoted-json@example.com")
                .replaceAll("(?s).*principal-id=\"(\\d+)\".*", "$1");
        JsonClient u = JsonClient.loggedIn(server, "promoted-json@example.com", Directory.USER_PASSWORD);
        assertThat(u.get("/resources/iam/principals").status()).isEqualTo(403);
        dir.addMember(dir.builtIn("admins"), pid);
        assertThat(u.get("/resources/iam/principals").status()).isEqualTo(200);
        assertThat(id).isNotEmpty();
    }

    @Test
    void repeatedFailedJsonLoginsAreThrottled() {
        user("throttled-json@example.com");
        JsonClient anon = new JsonClient(server.baseUrl());
        for (int i = 0; i < 5; i++) {
            anon.post("/resources/auth/login", "{\"login\":\"throttled-json@example.com\",\"password\":\"Wrong-" + i + "-X\"}");
        }
        JsonClient.Reply r = anon.post("/resources/auth/login",
                "{\"login\":\"throttled-json@example.com\",\"password\":\"" + Directory.USER_PASSWORD + "\"}");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.errorCode()).isEqualTo("TOO_MANY_ATTEMPTS");
    }
}
