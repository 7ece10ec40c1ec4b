package dev.breezeway.role;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seed 002: roles with versions and catalogue permissions, users with roles and tenants, on both faces. */
class RolesAndUsersHttpTest {
    private static TestServer server;
    private static Directory dir;
    private static JsonClient admin;
    private static BreezeClient xml;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        dir = new Directory(server);
        admin = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        xml = dir.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonClient.Reply createRole(String name, String... permissions) {
        StringBuilder p = new StringBuilder();
        for (String s : permissions) {
            p.append(p.length() == 0 ? "" : ",").append(JsonClient.q(s));
        }
        return admin.post("/auth/roles", "{\"name\":" + JsonClient.q(name) + ",\"description\":\"d\",\"permissions\":[" + p + "]}");
    }

    private static JsonClient.Reply createUser(String userName, String... roles) {
        StringBuilder r = new StringBuilder();
        for (String s : roles) {
            r.append(r.length() == 0 ? "" : ",").append(JsonClient.q(s));
        }
        return admin.post("/auth/users", "{\"firstName\":\"Sam\",\"lastName\":\"Doe\",\"userName\":" + JsonClient.q(userName)
                + ",\"password\":\"Sam-Doe-Pass-42\",\"temporaryPassword\":false,\"roles\":[" + r + "],\"tenants\":[\"acme\"]}");
    }

    @Test
    void catalogueListsEveryCheckedPermission() {
        JsonClient.Reply r = admin.get("/auth/roles/permissions");
        List<String> names = new ArrayList<>();
        r.body().forEach(n -> names.add(n.asText()));
        assertThat(names).contains("users:read", "users:list", "users:update", "users:delete", "users:password-reset",
                "roles:read", "iam/principals:read", "iam/principals:write");
        assertThat(count(xml.call("permission-list"), "/results/permission-list/permission")).isEqualTo(names.size());
    }

    @Test
    void roleHasTheSeedsFieldsAndOnlyCataloguePermissions() {
        JsonClient.Reply r = createRole("support:agent", "users:read", "users:list");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        for (String f : new String[]{"locator", "name", "description", "version", "createdAt", "createdBy", "permissions"}) {
            assertThat(r.body().has(f)).as(f).isTrue();
        }
        assertThat(r.body().get("version").asLong()).isEqualTo(1);
        JsonClient.Reply bad = createRole("bad", "orders:fly");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(createRole("support:agent").status()).isEqualTo(409);
    }

    @Test
    void staleRoleVersionIsRefusedAndChangesNothing() {
        String locator = createRole("versioned", "users:read").body().get("locator").asText();
        JsonClient.Reply ok = admin.patch("/auth/roles/" + locator, "{\"version\":1,\"addPermissions\":[\"users:list\"],"
                + "\"removePermissions\":[\"users:read\"]}", java.util.Optional.empty());
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        assertThat(ok.body().get("version").asLong()).isEqualTo(2);
        assertThat(ok.body().get("permissions").toString()).isEqualTo("[\"users:list\"]");
        JsonClient.Reply stale = admin.patch("/auth/roles/" + locator, "{\"version\":1,\"addPermissions\":[\"users:delete\"]}",
                java.util.Optional.empty());
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("VERSION_CONFLICT");
        assertThat(admin.get("/auth/roles/" + locator).body().get("permissions").toString()).isEqualTo("[\"users:list\"]");
        assertThat(status(xml.call("role-update", "role", locator, "version", "1", "add-permission", "users:delete")))
                .isEqualTo("invalid");
    }

    @Test
    void userPermissionsAreTheUnionOfItsRoles() {
        createRole("reader", "users:read");
        createRole("lister", "users:list");
        JsonClient.Reply u = createUser("union@example.com", "reader", "lister");
        assertThat(u.status()).as(u.raw()).isEqualTo(201);
        String locator = u.body().get("locator").asText();
        JsonClient.Reply perms = admin.get("/auth/users/" + locator + "/permissions");
        assertThat(perms.body().toString()).contains("users:read").contains("users:list");
        assertThat(u.body().get("tenants").get(0).asText()).isEqualTo("acme");
        String pid = xpath(xml.call("principal-list", "filter-login", "union@example.com"), "//principal/@principal-id");
        // The two roles' permissions and the directory listing every person holds: what the checks enforce.
        assertThat(count(xml.call("user-permissions", "principal-id", pid), "/results/permission-list/permission")).isEqualTo(3);
    }

    @Test
    void userRolesListsTheRolesAUserHoldsToItselfAndToReaders() {
        createRole("ur-one", "users:read");
        createRole("ur-two");
        createUser("ur-holder@example.com", "ur-one", "ur-two");
        createUser("ur-plain@example.com");
        BreezeClient xml = server.admin();
        String pid = xpath(xml.call("principal-list", "filter-login", "ur-holder@example.com"), "//principal/@principal-id");
        String plainId = xpath(xml.call("principal-list", "filter-login", "ur-plain@example.com"), "//principal/@principal-id");
        String expected = "<results><status code=\"ok\"/><user-roles principal-id=\"" + pid
                + "\"><role>ur-one</role><role>ur-two</role></user-roles></results>";
        assertSimilar(expected, xml.call("user-roles", "principal-id", pid));
        BreezeClient holder = server.client();
        holder.login("ur-holder@example.com", "Sam-Doe-Pass-42");
        assertSimilar(expected, holder.call("user-roles"));  // yourself by default
        BreezeClient plain = server.client();
        plain.login("ur-plain@example.com", "Sam-Doe-Pass-42");
        assertThat(status(plain.call("user-roles", "principal-id", pid))).isEqualTo("no-access");
        assertSimilar("<results><status code=\"ok\"/><user-roles principal-id=\"" + plainId + "\"/></results>",
                plain.call("user-roles"));
        assertThat(status(xml.call("user-roles", "principal-id", "999999999"))).isEqualTo("no-data");
        assertThat(xpath(xml.call("user-roles", "principal-id", "x"), "//invalid/@field")).isEqualTo("principal-id");
    }

    @Test
    void aCallerLackingExactlyThePermissionIsRefused() {
        createRole("only-read", "users:read");
        createUser("only-read@example.com", "only-read");
        JsonClient reader = JsonClient.loggedIn(server, "only-read@example.com", "Sam-Doe-Pass-42");
        assertThat(reader.get("/auth/users/list").status()).isEqualTo(403);
        assertThat(reader.get("/auth/users/username/only-read@example.com").status()).isEqualTo(200);
        assertThat(reader.get("/auth/roles/list").status()).isEqualTo(403);
        assertThat(reader.post("/auth/roles", "{\"name\":\"x\",\"description\":\"\",\"permissions\":[]}").status()).isEqualTo(403);
        BreezeClient readerXml = server.client();
        readerXml.login("only-read@example.com", "Sam-Doe-Pass-42");
        assertSimilar("<results><status code=\"no-access\" subcode=\"denied\"/></results>",
                readerXml.call("principals-delete", "principal-id", "1000000"));
    }

    @Test
    void grantingAPermissionThroughARoleOpensTheMatchingBreezeAction() {
        String roleLocator = createRole("deleter", "users:read").body().get("locator").asText();
        createUser("deleter@example.com", "deleter");
        BreezeClient deleter = server.client();
        deleter.login("deleter@example.com", "Sam-Doe-Pass-42");
        String victim = dir.user("victim-of-role@example.com", "V", "R");
        assertThat(status(deleter.call("principals-delete", "principal-id", victim))).isEqualTo("no-access");
        admin.patch("/auth/roles/" + roleLocator, "{\"version\":1,\"addPermissions\":[\"users:delete\"]}", java.util.Optional.empty());
        assertThat(status(deleter.call("principals-delete", "principal-id", victim))).isEqualTo("ok");
    }

    @Test
    void userRolesAndTenantsAddAndRemove() {
        String locator = createUser("changes@example.com").body().get("locator").asText();
        JsonClient.Reply roles = admin.patch("/auth/users/" + locator + "/roles", "{\"addRoles\":[\"a\",\"b\"],\"removeRoles\":[]}",
                java.util.Optional.empty());
        assertThat(roles.body().get("roles").size()).isEqualTo(2);
        JsonClient.Reply tenants = admin.patch("/auth/users/" + locator + "/tenants",
                "{\"addTenants\":[\"t2\"],\"removeTenants\":[\"acme\"]}", java.util.Optional.empty());
        assertThat(tenants.body().get("tenants").toString()).isEqualTo("[\"t2\"]");
        String pid = xpath(xml.call("principal-list", "filter-login", "changes@example.com"), "//principal/@principal-id");
        assertThat(status(xml.call("user-roles-update", "principal-id", pid, "remove-role", "a"))).isEqualTo("ok");
        assertThat(status(xml.call("user-tenants-update", "principal-id", pid, "add-tenant", "t3"))).isEqualTo("ok");
        JsonClient.Reply after = admin.get("/auth/users/" + locator);
        assertThat(after.body().get("roles").toString()).isEqualTo("[\"b\"]");
        assertThat(after.body().get("tenants").toString()).isEqualTo("[\"t2\",\"t3\"]");
    }

    @Test
    void whoamiByNameListsAndBasicList() {
        createUser("listed@example.com");
        assertThat(admin.get("/auth/users/whoami").body().get("userName").asText()).isEqualTo(TestServer.ADMIN_LOGIN);
        assertThat(admin.get("/auth/users/username/listed@example.com").body().get(0).get("userName").asText())
                .isEqualTo("listed@example.com");
        JsonClient.Reply page = admin.get("/auth/users/list?offset=0&count=1");
        assertThat(page.body().get("items").size()).isEqualTo(1);
        assertThat(page.body().get("listCompleted").asBoolean()).isFalse();
        JsonClient.Reply all = admin.get("/auth/users/basic/list?count=1000");
        assertThat(all.body().get("listCompleted").asBoolean()).isTrue();
        assertThat(all.body().get("items").get(0).has("locator")).isTrue();
        assertThat(admin.get("/auth/users/list?count=101").status()).isEqualTo(400);
    }

    @Test
    void temporaryPasswordMustBeChangedAtFirstLogin() {
        admin.post("/auth/users", "{\"firstName\":\"T\",\"lastName\":\"P\",\"userName\":\"tempuser@example.com\","
                + "\"password\":\"First-Temp-Pass-9\",\"temporaryPassword\":true}");
        JsonClient c = new JsonClient(server.baseUrl());
        JsonClient.Reply login = c.post("/resources/auth/login", "{\"login\":\"tempuser@example.com\",\"password\":\"First-Temp-Pass-9\"}");
        assertThat(login.body().get("passwordChangeRequired").asBoolean()).isTrue();
    }

    @Test
    void passwordResetUpdateAndDelete() {
        String locator = createUser("lifecycle@example.com").body().get("locator").asText();
        assertThat(admin.patch("/auth/users/" + locator + "/passwordreset", "\"Reset-By-Admin-77\"", java.util.Optional.empty())
                .status()).isEqualTo(204);
        JsonClient.Reply weak = admin.patch("/auth/users/" + locator + "/passwordreset", "\"password\"", java.util.Optional.empty());
        assertThat(weak.errorCode()).isEqualTo("WEAK_PASSWORD");
        JsonClient.Reply upd = admin.patch("/auth/users/" + locator, "{\"firstName\":\"Life\",\"lastName\":\"Cycle\","
                + "\"roles\":[\"x\"],\"tenants\":[],\"permissions\":[\"users:read\"]}", java.util.Optional.empty());
        assertThat(upd.status()).as(upd.raw()).isEqualTo(200);
        assertThat(upd.body().get("permissions").toString()).contains("users:read");
        assertThat(admin.delete("/auth/users/" + locator, java.util.Optional.empty()).status()).isEqualTo(204);
        assertThat(admin.get("/auth/users/" + locator).status()).isEqualTo(404);
    }

    @Test
    void xmlRoleActions() {
        String created = xml.call("role-create", "name", "xml-role", "description", "from xml", "permission", "users:read");
        assertThat(status(created)).as(created).isEqualTo("ok");
        assertThat(xpath(created, "/results/role/@version")).isEqualTo("1");
        assertThat(xpath(xml.call("role-info", "role", "xml-role"), "/results/role/permissions/permission")).isEqualTo("users:read");
        String updated = xml.call("role-update", "role", "xml-role", "version", "1", "add-permission", "users:list");
        assertThat(count(updated, "/results/role/permissions/permission")).isEqualTo(2);
        assertThat(count(xml.call("role-list"), "/results/role-list/role")).isGreaterThanOrEqualTo(1);
        assertThat(status(xml.call("role-delete", "role", "xml-role"))).isEqualTo("ok");
        assertThat(status(xml.call("role-info", "role", "xml-role"))).isEqualTo("no-data");
    }
}
