package dev.breezeway.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Role and tenant changes through seed 002's {@code /auth} change the JSON ETag of the principal. */
class AuthChangesEtagHttpTest {
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

    private static String createUser(String userName) {
        JsonClient.Reply r = admin.post("/auth/users", "{\"firstName\":\"Eta\",\"lastName\":\"Gee\",\"userName\":"
                + JsonClient.q(userName) + ",\"password\":\"Eta-Gee-Pass-42\",\"temporaryPassword\":false,"
                + "\"roles\":[],\"tenants\":[\"acme\"]}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("locator").asText();
    }

    private static String etag(String locator) {
        JsonClient.Reply r = admin.get("/resources/iam/principals/" + locator);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.etag().orElseThrow();
    }

    private static void assertStaleWriteRefused(String locator, String staleEtag) {
        JsonClient.Reply stale = admin.patch("/resources/iam/principals/" + locator, "{\"name\":\"Stale Writer\"}",
                Optional.of(staleEtag));
        assertThat(stale.status()).as(stale.raw()).isEqualTo(412);
    }

    @Test
    void patchingRolesChangesTheEtagAndAStaleWriteIsRefused() {
        String locator = createUser("etag-roles@example.com");
        String before = etag(locator);
        JsonClient.Reply r = admin.patch("/auth/users/" + locator + "/roles", "{\"addRoles\":[\"r1\"],\"removeRoles\":[]}",
                Optional.empty());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(etag(locator)).isNotEqualTo(before);
        assertStaleWriteRefused(locator, before);
    }

    @Test
    void patchingTenantsChangesTheEtagAndAStaleWriteIsRefused() {
        String locator = createUser("etag-tenants@example.com");
        String before = etag(locator);
        JsonClient.Reply r = admin.patch("/auth/users/" + locator + "/tenants",
                "{\"addTenants\":[\"t9\"],\"removeTenants\":[]}", Optional.empty());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(etag(locator)).isNotEqualTo(before);
        assertStaleWriteRefused(locator, before);
    }

    @Test
    void updatingTheUserWithRolesAndTenantsChangesTheEtag() {
        String locator = createUser("etag-update@example.com");
        String before = etag(locator);
        JsonClient.Reply r = admin.patch("/auth/users/" + locator, "{\"firstName\":\"Eta\",\"lastName\":\"Gee\","
                + "\"roles\":[\"r2\"],\"tenants\":[\"acme\",\"t8\"]}", Optional.empty());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(etag(locator)).isNotEqualTo(before);
        assertStaleWriteRefused(locator, before);
    }

    @Test
    void updatingOnlyTheTenantsChangesTheEtag() {
        String locator = createUser("etag-update-tenants@example.com");
        String before = etag(locator);
        JsonClient.Reply r = admin.patch("/auth/users/" + locator, "{\"firstName\":\"Eta\",\"lastName\":\"Gee\","
                + "\"tenants\":[\"t7\"]}", Optional.empty());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(etag(locator)).isNotEqualTo(before);
    }
}
