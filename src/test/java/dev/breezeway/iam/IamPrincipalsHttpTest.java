package dev.breezeway.iam;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /resources/iam/principals: create, read, replace, merge, delete, with ETags checked inside the UPDATE. */
class IamPrincipalsHttpTest {
    private static TestServer server;
    private static JsonClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String path(UUID id) {
        return "/resources/iam/principals/" + id;
    }

    static JsonClient.Reply create(UUID id, String name, String email) {
        JsonClient.Reply r = admin.put(path(id), "{\"properties\":{\"name\":" + JsonClient.q(name) + ",\"email\":"
                + JsonClient.q(email) + "}}", Optional.empty());
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r;
    }

    @Test
    void putCreatesWithTheSeedsDetailShapeAndAnEtag() {
        UUID id = UUID.randomUUID();
        JsonClient.Reply r = admin.put(path(id), """
                {"properties": {"name": "John Admin", "phone": "+1234567890", "picture": "https://example.com/photo.jpg",
                  "settings": {"theme": "dark", "language": "en"}, "email": "john@example.com"},
                 "roles": ["system:portal:full"],
                 "acl": {"entries": [{"resource": "orders", "permission": "*"}]},
                 "accessAttributes": {"channelKey": ["STORE-NYC"]}}""", Optional.empty());
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.contentType()).contains("application/json");
        assertThat(r.etag()).contains(r.body().get("etag").asText());
        JsonClient.Reply got = admin.get(path(id));
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.etag()).isEqualTo(r.etag());
        var b = got.body();
        assertThat(b.get("id").asText()).isEqualTo(id.toString());
        assertThat(b.get("name").asText()).isEqualTo("John Admin");
        assertThat(b.get("phone").asText()).isEqualTo("+1234567890");
        assertThat(b.get("picture").asText()).isEqualTo("https://example.com/photo.jpg");
        assertThat(b.get("settings").get("theme").asText()).isEqualTo("dark");
        assertThat(b.get("roles").get(0).asText()).isEqualTo("system:portal:full");
        assertThat(b.get("acl").get("entries").get(0).get("permission").asText()).isEqualTo("*");
        assertThat(b.get("accessAttributes").get("channelKey").get(0).asText()).isEqualTo("STORE-NYC");
        assertThat(b.get("suspendedAt").isNull()).isTrue();
        assertThat(b.has("lastActiveAt")).isTrue();
        assertThat(b.get("createdAt").asText()).isNotEmpty();
        assertThat(b.get("passwordLogin").asBoolean()).isFalse();
        assertThat(b.has("passwordExpiresAt")).isTrue();
        assertThat(b.has("properties")).isFalse();
    }

    @Test
    void flatBodiesAreAcceptedToo() {
        UUID id = UUID.randomUUID();
        JsonClient.Reply r = admin.put(path(id), "{\"name\":\"Flat Fran\",\"email\":\"fran@example.com\"}", Optional.empty());
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().get("name").asText()).isEqualTo("Flat Fran");
    }

    @Test
    void replacingAnExistingPrincipalNeedsTheCurrentEtag() {
        UUID id = UUID.randomUUID();
        JsonClient.Reply created = create(id, "Rita Replace", "rita@example.com");
        String body = "{\"properties\":{\"name\":\"Rita Two\",\"email\":\"rita@example.com\"},\"roles\":[\"a:b\"]}";
        JsonClient.Reply missing = admin.put(path(id), body, Optional.empty());
        assertThat(missing.status()).isEqualTo(428);
        assertThat(missing.errorCode()).isEqualTo("PRECONDITION_REQUIRED");
        JsonClient.Reply ok = admin.put(path(id), body, created.etag());
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        assertThat(ok.etag()).isNotEqualTo(created.etag());
        JsonClient.Reply stale = admin.put(path(id), body, created.etag());
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.errorCode()).isEqualTo("PRECONDITION_FAILED");
        assertThat(admin.get(path(id)).body().get("roles").get(0).asText()).isEqualTo("a:b");
    }

    @Test
    void patchMergesNestedSettingsAndRemovesNulls() {
        UUID id = UUID.randomUUID();
        JsonClient.Reply c = admin.put(path(id), """
                {"properties":{"name":"Pat Merge","email":"pat@example.com","nickname":"p",
                 "settings":{"theme":"dark","language":"en"}}}""", Optional.empty());
        JsonClient.Reply r = admin.patch(path(id), "{\"name\":\"Pat Merged\",\"settings\":{\"theme\":\"light\"},\"nickname\":null}",
                c.etag());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().get("name").asText()).isEqualTo("Pat Merged");
        assertThat(r.body().get("settings").get("theme").asText()).isEqualTo("light");
        assertThat(r.body().get("settings").get("language").asText()).isEqualTo("en");
        assertThat(r.body().has("nickname")).isFalse();
        assertThat(r.body().get("email").asText()).isEqualTo("pat@example.com");
    }

    @Test
    void patchWithoutIfMatchIs428AndUnknownIdIs404() {
        UUID id = UUID.randomUUID();
        create(id, "No Match", "nomatch@example.com");
        assertThat(admin.patch(path(id), "{\"name\":\"x\"}", Optional.empty()).status()).isEqualTo(428);
        JsonClient.Reply none = admin.patch(path(UUID.randomUUID()), "{\"name\":\"x\"}", Optional.of("W/\"1\""));
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void hundredConcurrentPatchesWithOneEtagLetExactlyOneWin() throws Exception {
        UUID id = UUID.randomUUID();
        String etag = create(id, "Race Condition", "race@example.com").etag().orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                results.add(pool.submit(() -> admin.patch(path(id), "{\"name\":\"Writer " + n + "\"}", Optional.of(etag)).status()));
            }
            int ok = 0;
            int failed = 0;
            for (Future<Integer> f : results) {
                int s = f.get();
                if (s == 200) {
                    ok++;
                } else if (s == 412) {
                    failed++;
                }
            }
            assertThat(ok).isEqualTo(1);
            assertThat(failed).isEqualTo(99);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBreezeUpdateChangesTheJsonEtag() {
        Directory dir = new Directory(server);
        String pid = dir.user("both-faces@example.com", "Both", "Faces");
        BreezeClient xml = dir.admin();
        JsonClient.Reply found = admin.post("/resources/graph/query",
                "{\"resource\":\"identity\",\"filters\":[{\"field\":\"email\",\"op\":\"eq\",\"value\":\"both-faces@example.com\"}]}");
        String id = found.body().get("items").get(0).get("id").asText();
        String before = admin.get("/resources/iam/principals/" + id).etag().orElseThrow();
        assertThat(status(xml.call("principal-update", "principal-id", pid, "first-name", "Changed"))).isEqualTo("ok");
        JsonClient.Reply after = admin.get("/resources/iam/principals/" + id);
        assertThat(after.etag().orElseThrow()).isNotEqualTo(before);
        assertThat(after.body().get("name").asText()).isEqualTo("Changed Faces");
    }

    @Test
    void changingTheEmailChangesTheLogin() {
        UUID id = UUID.randomUUID();
        JsonClient.Reply c = create(id, "Mo Ving", "old-address@example.com");
        admin.patch(path(id), "{\"email\":\"new-address@example.com\"}", c.etag());
        String list = server.admin().call("principal-list", "filter-login", "new-address@example.com");
        assertThat(xpath(list, "/results/principal-list/principal/login")).isEqualTo("new-address@example.com");
    }

    @Test
    void duplicateEmailIsEmailNotUniqueWithTheSeedsErrorShape() {
        create(UUID.randomUUID(), "First Owner", "taken@example.com");
        JsonClient.Reply r = admin.put(path(UUID.randomUUID()), "{\"name\":\"Second\",\"email\":\"TAKEN@example.com\"}",
                Optional.empty());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorCode()).isEqualTo("EMAIL_NOT_UNIQUE");
        assertThat(r.errorMessage()).isEqualTo("Email address already in use");
        UUID other = UUID.randomUUID();
        JsonClient.Reply c = create(other, "Other", "other-owner@example.com");
        JsonClient.Reply p = admin.patch(path(other), "{\"email\":\"taken@example.com\"}", c.etag());
        assertThat(p.status()).isEqualTo(409);
        assertThat(p.errorCode()).isEqualTo("EMAIL_NOT_UNIQUE");
    }

    @Test
    void duplicatePhoneIsPhoneNotUnique() {
        admin.put(path(UUID.randomUUID()), "{\"name\":\"Ph One\",\"phone\":\"+15550001\"}", Optional.empty());
        JsonClient.Reply r = admin.put(path(UUID.randomUUID()), "{\"name\":\"Ph Two\",\"phone\":\"+15550001\"}", Optional.empty());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorCode()).isEqualTo("PHONE_NOT_UNIQUE");
    }

    @Test
    void invalidFieldsAreValidationFailed() {
        JsonClient.Reply r = admin.put(path(UUID.randomUUID()), "{\"name\":\"\",\"email\":\"not-an-email\"}", Optional.empty());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.body().get("error").get("details").size()).isEqualTo(2);
    }

    @Test
    void malformedJsonIsInvalidJson() {
        JsonClient.Reply r = admin.put(path(UUID.randomUUID()), "{\"name\": ", Optional.empty());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("INVALID_JSON");
        assertThat(admin.put(path(UUID.randomUUID()), "[1,2]", Optional.empty()).errorCode()).isEqualTo("INVALID_JSON");
    }

    @Test
    void deleteIs204AndTheDeletedPrincipalIs404() {
        UUID id = UUID.randomUUID();
        JsonClient.Reply c = create(id, "Del Ete", "delete-me@example.com");
        assertThat(admin.delete(path(id), Optional.empty()).status()).isEqualTo(428);
        assertThat(admin.delete(path(id), c.etag()).status()).isEqualTo(204);
        assertThat(admin.get(path(id)).status()).isEqualTo(404);
    }

    @Test
    void selfSuspendAndSelfDeleteAreRefusedWithTheSeedsMessages() {
        JsonClient.Reply me = admin.get("/resources/me");
        String id = me.body().get("id").asText();
        String etag = admin.get("/resources/iam/principals/" + id).etag().orElseThrow();
        JsonClient.Reply s = admin.post("/resources/iam/principals/" + id + "/suspend", "", etag);
        assertThat(s.status()).isEqualTo(403);
        assertThat(s.errorMessage()).isEqualTo("Cannot suspend your own principal");
        JsonClient.Reply d = admin.delete("/resources/iam/principals/" + id, Optional.of(etag));
        assertThat(d.status()).isEqualTo(403);
        assertThat(d.errorMessage()).isEqualTo("Cannot delete your own principal");
    }

    @Test
    void rolesAndAclAreReplacedWholeWithTheEtag() {
        UUID id = UUID.randomUUID();
        JsonClient.Reply c = create(id, "Role Player", "roles@example.com");
        JsonClient.Reply roles = admin.put(path(id) + "/roles", "{\"roles\":[\"system:portal:full\",\"support:agent\"]}", c.etag());
        assertThat(roles.status()).as(roles.raw()).isEqualTo(200);
        assertThat(roles.body().get("roles").size()).isEqualTo(2);
        JsonClient.Reply acl = admin.put(path(id) + "/acl", "{\"acl\":[\"orders:*\",\"customers:read\"]}", roles.etag());
        assertThat(acl.status()).isEqualTo(200);
        assertThat(acl.body().get("acl").get("entries").size()).isEqualTo(2);
        assertThat(admin.put(path(id) + "/roles", "{\"roles\":[]}", roles.etag()).status()).isEqualTo(412);
    }

    @Test
    void unauthenticatedCallsAre401AndUnknownRoutes404And405() {
        JsonClient anon = new JsonClient(server.baseUrl());
        JsonClient.Reply r = anon.get("/resources/iam/principals");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(admin.get("/resources/nothing-here").errorCode()).isEqualTo("NOT_FOUND");
        JsonClient.Reply m = admin.send("PATCH", "/resources/iam/principals", "{}", Optional.empty());
        assertThat(m.status()).isEqualTo(405);
        assertThat(m.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void theBreezeCookieAuthenticatesJsonCalls() {
        BreezeClient xml = server.admin();
        BreezeClient.Reply r = xml.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/resources/me"))
                .header("Cookie", "BREEZESESSION=" + xml.session().orElseThrow()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"type\":\"principal\"");
    }

    @Test
    void loginWithBadCredentialsIs401InvalidCredentials() {
        JsonClient anon = new JsonClient(server.baseUrl());
        JsonClient.Reply r = anon.post("/resources/auth/login", "{\"login\":\"nobody@example.com\",\"password\":\"Nope-1234\"}");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("INVALID_CREDENTIALS");
    }

    @Test
    void graphQueryFiltersIdentities() {
        create(UUID.randomUUID(), "Graph One", "g1@company.com");
        create(UUID.randomUUID(), "Graph Two", "g2@company.com");
        create(UUID.randomUUID(), "Graph Three", "g3@elsewhere.com");
        JsonClient.Reply r = admin.post("/resources/graph/query",
                "{\"resource\":\"identity\",\"filters\":[{\"field\":\"email\",\"op\":\"endsWith\",\"value\":\"@company.com\"}]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("count").asInt()).isEqualTo(2);
        JsonClient.Reply starts = admin.post("/resources/graph/query",
                "{\"resource\":\"identity\",\"filters\":[{\"field\":\"name\",\"op\":\"startsWith\",\"value\":\"Graph T\"},"
                        + "{\"field\":\"email\",\"op\":\"contains\",\"value\":\"company\"}]}");
        assertThat(starts.body().get("count").asInt()).isEqualTo(1);
        assertThat(admin.post("/resources/graph/query", "{\"resource\":\"orders\"}").status()).isEqualTo(400);
    }
}
