package dev.breezeway.client;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestPrincipals;
import dev.breezeway.support.TestServer;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Users belong to the client that created them: creation on both faces records the client and its
 * clientUserId; {@code /api/v1/users} shows and deletes only the calling client's users, in the
 * seed's shape; each operation checks its own permission.
 */
class ClientUsersHttpTest {
    private static final String DENIED = "<results><status code=\"no-access\" subcode=\"denied\"/></results>";
    private static final String[] ALL = {"users:create", "users:list", "users:read", "users:delete",
            "iam/principals:write"};
    private static TestServer server;
    private static Clients clients;
    private static JsonClient adminJson;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        clients = new Clients(server);
        adminJson = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A client holding every user permission, with a live token on both faces. */
    private record Caller(Clients.Client client, BreezeClient xml, JsonClient json) {
    }

    private static Caller caller(String name, String... permissions) {
        Clients.Client c = clients.register(name, permissions);
        String token = clients.token(c);
        return new Caller(c, clients.xml(token), clients.json(token));
    }

    /** Creates a user through XML as {@code c}; returns its humanId. */
    private static String createUser(Caller c, String login, String clientUserId) {
        String xml = Clients.createUser(c.xml(), login, clientUserId);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        String principalId = xpath(xml, "/results/principal/@principal-id");
        return humanIdOf(Long.parseLong(principalId));
    }

    private static String humanIdOf(long principalId) {
        return clients.humanIdOf(principalId);
    }

    private static String create(String name, String email, String clientUserId) {
        StringBuilder sb = new StringBuilder("{\"name\":").append(JsonClient.q(name)).append(",\"email\":")
                .append(JsonClient.q(email));
        if (clientUserId != null) {
            sb.append(",\"clientUserId\":").append(JsonClient.q(clientUserId));
        }
        return sb.append('}').toString();
    }

    @Test
    void xmlCreateRecordsTheClientAndListsTheUserInTheSeedShape() {
        Caller c = caller("Seed shape", ALL);
        String humanId = createUser(c, "sam.seed@example.com", "Human_441272526");

        JsonClient.Reply r = c.json().get("/api/v1/users");

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().isArray()).isTrue();
        assertThat(r.body().size()).isEqualTo(1);
        JsonNode u = r.body().get(0);
        assertThat(u.get("firstName").asText()).isEqualTo("Sam");
        assertThat(u.get("lastName").asText()).isEqualTo("Doe");
        assertThat(u.get("clientUserId").asText()).isEqualTo("Human_441272526");
        assertThat(u.get("clientUserEmail").asText()).isEqualTo("sam.seed@example.com");
        assertThat(u.get("humanId").asText()).isEqualTo(humanId).matches("[0-9a-f]{32}");
        assertThat(u.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(u.get("updatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(u.get("status").asText()).isEqualTo("Active");
        assertThat(u.size()).isEqualTo(8);
    }

    @Test
    void getOneUserByHumanId() {
        Caller c = caller("Get one", ALL);
        String humanId = createUser(c, "get.one@example.com", "get-1");

        JsonClient.Reply r = c.json().get("/api/v1/users/" + humanId);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("humanId").asText()).isEqualTo(humanId);
        assertThat(r.body().get("clientUserId").asText()).isEqualTo("get-1");
        assertThat(c.json().get("/api/v1/users/" + humanId.toUpperCase()).status()).isEqualTo(200);
    }

    @Test
    void unknownOrMalformedHumanIdIs404() {
        Caller c = caller("Unknown ids", ALL);
        assertThat(c.json().get("/api/v1/users/0123456789abcdef0123456789abcdef").status()).isEqualTo(404);
        assertThat(c.json().get("/api/v1/users/not-a-human-id").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(c.json().delete("/api/v1/users/0123456789abcdef0123456789abcdef", Optional.empty()).status())
                .isEqualTo(404);
    }

    @Test
    void jsonCreateRecordsTheClientUserIdOutsideTheProperties() {
        Caller c = caller("Json creator", ALL);
        UUID id = UUID.randomUUID();

        JsonClient.Reply put = c.json().put("/resources/iam/principals/" + id,
                create("Jane Doe", "jane.json@example.com", "Human_478102855"), Optional.empty());

        assertThat(put.status()).as(put.raw()).isEqualTo(201);
        assertThat(put.body().has("clientUserId")).isFalse();
        String humanId = id.toString().replace("-", "");
        JsonClient.Reply u = c.json().get("/api/v1/users/" + humanId);
        assertThat(u.status()).isEqualTo(200);
        assertThat(u.body().get("clientUserId").asText()).isEqualTo("Human_478102855");
        assertThat(u.body().get("clientUserEmail").asText()).isEqualTo("jane.json@example.com");
        assertThat(adminJson.get("/resources/iam/principals/" + id).body().has("clientUserId")).isFalse();
    }

    @Test
    void jsonCreateWithClientUserIdInsidePropertiesIsAcceptedToo() {
        Caller c = caller("Json nested", ALL);
        UUID id = UUID.randomUUID();
        JsonClient.Reply put = c.json().put("/resources/iam/principals/" + id,
                "{\"properties\":{\"name\":\"Nested Doe\",\"clientUserId\":\"nested-1\"}}", Optional.empty());
        assertThat(put.status()).as(put.raw()).isEqualTo(201);
        JsonClient.Reply u = c.json().get("/api/v1/users/" + id.toString().replace("-", ""));
        assertThat(u.body().get("clientUserId").asText()).isEqualTo("nested-1");
        assertThat(u.body().get("firstName").asText()).isEqualTo("Nested Doe");
    }

    @Test
    void clientsSeeAndDeleteOnlyTheirOwnUsers() {
        Caller a = caller("Owner A", ALL);
        Caller b = caller("Owner B", ALL);
        String mine = createUser(a, "owned.a@example.com", "same-id");
        String theirs = createUser(b, "owned.b@example.com", "same-id");

        JsonClient.Reply list = a.json().get("/api/v1/users");
        assertThat(list.body().size()).isEqualTo(1);
        assertThat(list.body().get(0).get("humanId").asText()).isEqualTo(mine);
        assertThat(a.json().get("/api/v1/users/" + theirs).status()).isEqualTo(404);
        assertThat(a.json().delete("/api/v1/users/" + theirs, Optional.empty()).status()).isEqualTo(404);
        assertThat(b.json().get("/api/v1/users/" + theirs).status()).isEqualTo(200);
        assertThat(clients.admin().call("principal-list", "filter-login", "owned.b@example.com"))
                .contains("owned.b@example.com");
    }

    @Test
    void usersCreatedWithoutAClientBelongToNoClient() {
        Caller c = caller("No strays", ALL);
        new Directory(server).user("stray@example.com", "Stray", "User");
        assertThat(c.json().get("/api/v1/users").body().size()).isZero();
    }

    @Test
    void callersOtherThanClientsAreForbiddenOnTheAdminApi() {
        JsonClient.Reply r = adminJson.get("/api/v1/users");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(new JsonClient(server.baseUrl()).get("/api/v1/users").status()).isEqualTo(401);
    }

    @Test
    void aClientListsItsOwnUsersWithItsTokenAlone() {
        Caller c = caller("Own list", "users:create");
        createUser(c, "own.list@example.com", "ol-1");
        JsonClient.Reply r = c.json().get("/api/v1/users");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().size()).isEqualTo(1);
        assertThat(r.body().get(0).get("clientUserEmail").asText()).isEqualTo("own.list@example.com");
    }

    @Test
    void aClientReadsItsOwnUserWithItsTokenAloneAndNobodyElses() {
        Caller owner = caller("Own read", "users:create");
        Caller other = caller("Other read", "users:read", "users:list");
        String humanId = createUser(owner, "own.read@example.com", "or-1");
        assertThat(owner.json().get("/api/v1/users/" + humanId).status()).isEqualTo(200);
        assertThat(other.json().get("/api/v1/users/" + humanId).status()).isEqualTo(404);
    }

    @Test
    void aClientDeactivatesItsOwnUsersOnBothFacesWithItsTokenAlone() {
        Caller c = caller("Own delete", "users:create");
        String xml = Clients.createUser(c.xml(), "own.delete@example.com", "od-1");
        String principalId = xpath(xml, "/results/principal/@principal-id");
        String humanId = humanIdOf(Long.parseLong(principalId));
        String second = xpath(Clients.createUser(c.xml(), "own.delete2@example.com", "od-2"), "/results/principal/@principal-id");

        assertThat(c.json().delete("/api/v1/users/" + humanId, Optional.empty()).status()).isEqualTo(200);
        assertThat(status(c.xml().call("principal-deactivate", "principal-id", second))).isEqualTo("ok");
        assertThat(c.json().get("/api/v1/users/" + humanId).status()).isEqualTo(404);
        assertThat(c.json().get("/api/v1/users").body().size()).isZero();
    }

    @Test
    void creatingThroughPrincipalUpdateNeedsUsersCreate() {
        Caller c = caller("No create", "users:list", "users:read", "users:delete");
        assertSimilar(DENIED, Clients.createUser(c.xml(), "no.create@example.com", "nc-1"));
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal WHERE login = ?",
                "no.create@example.com")).isZero();
    }

    @Test
    void creatingThroughJsonNeedsIamPrincipalsWrite() {
        Caller c = caller("No json create", "users:create", "users:list", "users:read", "users:delete");
        assertThat(c.json().put("/resources/iam/principals/" + UUID.randomUUID(),
                create("Nope", "nope.json@example.com", "nj-1"), Optional.empty()).status()).isEqualTo(403);
    }

    @Test
    void updatingThroughPrincipalUpdateNeedsUsersUpdate() {
        Caller c = caller("No update", ALL);
        String xml = Clients.createUser(c.xml(), "no.update@example.com", "nu-1");
        String id = xpath(xml, "/results/principal/@principal-id");
        assertSimilar(DENIED, c.xml().call("principal-update", "principal-id", id, "first-name", "Changed"));
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal WHERE principal_id = ?"
                + " AND first_name = 'Sam'", Long.parseLong(id))).isEqualTo(1);
    }

    @Test
    void aTakenClientUserIdOfALiveUserIsDuplicate() {
        Caller c = caller("Duplicates", ALL);
        createUser(c, "dup.first@example.com", "dup-1");

        assertSimilar("<results><status code=\"invalid\"><invalid field=\"client-user-id\" type=\"string\""
                + " subcode=\"duplicate\"/></status></results>", Clients.createUser(c.xml(), "dup.second@example.com", "dup-1"));
        JsonClient.Reply json = c.json().put("/resources/iam/principals/" + UUID.randomUUID(),
                create("Dup Json", "dup.json@example.com", "dup-1"), Optional.empty());
        assertThat(json.status()).isEqualTo(409);
        assertThat(json.errorCode()).isEqualTo("ALREADY_EXISTS");
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal WHERE login IN (?, ?)",
                "dup.second@example.com", "dup.json@example.com")).isZero();
    }

    @Test
    void repeatingACreateWithAPasswordIsADuplicateAndCreatesNothingTwice() {
        Caller c = caller("Replays", ALL);
        Clients.createUser(c.xml(), "replay@example.com", "rp-1");
        String second = Clients.createUser(c.xml(), "replay@example.com", "rp-1");
        // A repeat with a password is never answered with the user: that would tell the password was right.
        assertSimilar("<results><status code=\"invalid\"><invalid field=\"login\" type=\"string\" subcode=\"duplicate\"/>"
                + "</status></results>", second);
        assertThat(c.json().get("/api/v1/users").body().size()).isEqualTo(1);
    }

    @Test
    void aClientNeverTakesOverAUserItDidNotCreate() {
        Caller c = caller("Takeover", ALL);
        clients.admin().call("principal-update", "type", "user", "has-children", "0", "login", "victim@example.com",
                "first-name", "Sam", "last-name", "Doe", "email", "victim@example.com");

        String xml = c.xml().call("principal-update", "type", "user", "has-children", "0", "login", "victim@example.com",
                "first-name", "Sam", "last-name", "Doe", "email", "victim@example.com", "client-user-id", "v-1");

        assertSimilar("<results><status code=\"invalid\"><invalid field=\"login\" type=\"string\" subcode=\"duplicate\"/>"
                + "</status></results>", xml);
        assertThat(c.json().get("/api/v1/users").body().size()).isZero();
    }

    @Test
    void aClientUserIdWithoutAClientIsRefused() {
        String xml = clients.admin().call("principal-update", "type", "user", "has-children", "0", "login",
                "admin.made@example.com", "first-name", "A", "last-name", "M", "client-user-id", "x-1");
        assertSimilar("<results><status code=\"invalid\"><invalid field=\"client-user-id\" type=\"string\""
                + " subcode=\"illegal-operation\"/></status></results>", xml);
        JsonClient.Reply json = adminJson.put("/resources/iam/principals/" + UUID.randomUUID(),
                create("Admin Json", "admin.json@example.com", "x-2"), Optional.empty());
        assertThat(json.status()).isEqualTo(400);
    }

    @Test
    void deleteIsSoftAndAnswers200WithAnEmptyBody() {
        Caller c = caller("Soft deleter", ALL);
        String humanId = createUser(c, "soft.delete@example.com", "sd-1");

        JsonClient.Reply r = c.json().delete("/api/v1/users/" + humanId, Optional.empty());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw()).isEmpty();
        assertThat(c.json().get("/api/v1/users/" + humanId).status()).isEqualTo(404);
        assertThat(c.json().get("/api/v1/users").body().size()).isZero();
        assertThat(c.json().delete("/api/v1/users/" + humanId, Optional.empty()).status()).isEqualTo(404);
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal WHERE login = ?"
                + " AND deleted_at IS NOT NULL", "soft.delete@example.com")).isEqualTo(1);
    }

    @Test
    void suspendedUsersShowAsSuspended() {
        Caller c = caller("Suspender", ALL);
        String humanId = createUser(c, "suspended.user@example.com", "su-1");
        String id = UUID.fromString(humanId.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5")).toString();
        assertThat(adminJson.post("/resources/iam/principals/" + id + "/suspend", "", "*").status()).isEqualTo(200);
        assertThat(c.json().get("/api/v1/users/" + humanId).body().get("status").asText()).isEqualTo("Suspended");
    }
}
