package dev.breezeway.access;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breezeway.auth.PasswordHasher;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestPrincipals;
import dev.breezeway.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Privilege escalation over HTTP: no caller grants itself (or anyone) more than it holds, reaches
 * the administrator's account, or removes the last administrator; each test asserts the refusal
 * and that nothing changed.
 */
class EscalationHttpTest {
    private static final String DENIED = "<results><status code=\"no-access\" subcode=\"denied\"/></results>";
    private static final String OK = "<results><status code=\"ok\"/></results>";
    private static final String PASSWORD = "Sam-Doe-Pass-42";
    private static TestServer server;

    @BeforeAll
    static void start() {
        // Some set-up and clean-up writes go straight to the database, which a cached session would not see.
        server = TestServer.start(Map.of("BREEZEWAY_SESSION_CACHE_SECONDS", "0"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---------------------------------------------------------------- set-up helpers

    /** A fresh administrator session on the XML face (a hole may end earlier ones). */
    private static BreezeClient adminXml() {
        return server.admin();
    }

    /** A fresh administrator session on the JSON faces. */
    private static JsonClient adminJson() {
        return JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    }

    private static String list(String... values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(JsonClient.q(values[i]));
        }
        return sb.append(']').toString();
    }

    /** Defines a role through POST /auth/roles as the administrator. */
    private static void role(String name, String... permissions) {
        JsonClient.Reply r = adminJson().post("/auth/roles", "{\"name\":" + JsonClient.q(name)
                + ",\"description\":\"d\",\"permissions\":" + list(permissions) + "}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    private static String newUserBody(String userName, String password, String... roles) {
        return "{\"firstName\":\"Sam\",\"lastName\":\"Doe\",\"userName\":" + JsonClient.q(userName)
                + ",\"password\":" + JsonClient.q(password) + ",\"temporaryPassword\":false,\"roles\":" + list(roles)
                + ",\"tenants\":[]}";
    }

    /** Creates a user with {@link #PASSWORD} and {@code roles} through POST /auth/users; returns its locator. */
    private static String user(String userName, String... roles) {
        JsonClient.Reply r = adminJson().post("/auth/users", newUserBody(userName, PASSWORD, roles));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("locator").asText();
    }

    /** Creates a plain user through XML principal-update with {@link Directory#USER_PASSWORD}; returns its principal-id. */
    private static String xmlUser(String login) {
        return new Directory(server).user(login, "Plain", "User");
    }

    private static long principalId(String login) {
        return TestPrincipals.queryLong(server, "SELECT principal_id FROM principal WHERE login = ?", login);
    }

    private static long adminId() {
        return principalId(TestServer.ADMIN_LOGIN);
    }

    private static String adminsGroup() {
        String id = new Directory(server).builtIn("admins");
        assertThat(id).isNotEmpty();
        return id;
    }

    /** Gives {@code principalId} a rank through XML user-rank-update as the administrator. */
    private static void rank(String principalId, String rank) {
        String xml = adminXml().call("user-rank-update", "principal-id", principalId, "rank", rank);
        assertSimilar(OK, xml);
    }

    private static BreezeClient xmlAs(String login, String password) {
        BreezeClient c = server.client();
        c.login(login, password);
        return c;
    }

    /** True if a JSON login with {@code password} succeeds. */
    private static boolean logsIn(String login, String password) {
        return new JsonClient(server.baseUrl()).post("/resources/auth/login", "{\"login\":" + JsonClient.q(login)
                + ",\"password\":" + JsonClient.q(password) + "}").status() == 200;
    }

    private static long aclRows(long principalId) {
        return TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal_acl WHERE principal_id = ?", principalId);
    }

    private static List<String> adminsMembers() {
        String xml = adminXml().call("principal-list", "group-id", adminsGroup(), "filter-is-member", "true");
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        List<String> ids = new ArrayList<>();
        int n = count(xml, "/results/principal-list/principal");
        for (int i = 1; i <= n; i++) {
            ids.add(xpath(xml, "/results/principal-list/principal[" + i + "]/@principal-id"));
        }
        return ids;
    }

    private static List<String> xmlPermissions(String xml) {
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        List<String> out = new ArrayList<>();
        int n = count(xml, "/results/permission-list/permission");
        for (int i = 1; i <= n; i++) {
            out.add(xpath(xml, "/results/permission-list/permission[" + i + "]"));
        }
        return out;
    }

    private static void assertForbidden(JsonClient.Reply r) {
        assertThat(r.status()).as(r.raw()).isEqualTo(403);
        assertThat(r.errorCode()).as(r.raw()).isEqualTo("FORBIDDEN");
    }

    private static void jdbc(String sql, Object... args) {
        try (Connection c = server.jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts the administrator's password back (a hole that changed it must not break the other tests). */
    private static void restoreAdminPassword() {
        jdbc("UPDATE principal SET password_hash = ?, password_temporary = FALSE WHERE login = ?",
                new PasswordHasher().hash(TestServer.ADMIN_PASSWORD), TestServer.ADMIN_LOGIN);
    }

    /** Leaves the bootstrap administrator the only member of admins (a hole that changed it must not break the others). */
    private static void restoreAdmins() {
        long admins = TestPrincipals.queryLong(server, "SELECT principal_id FROM principal WHERE type = 'admins'"
                + " AND account_id = ?", TestPrincipals.accountId(server));
        jdbc("DELETE FROM group_member WHERE group_id = ? AND member_id <> ?", admins, adminId());
        jdbc("INSERT IGNORE INTO group_member (group_id, member_id) VALUES (?, ?)", admins, adminId());
    }

    /** A registered API client's token; with {@code role} given, the client's only role. */
    private static String clientToken(String name, Optional<String> role) {
        BreezeClient admin = adminXml();
        String created = admin.call("client-create", "name", name);
        assertThat(status(created)).as(created).isEqualTo("ok");
        String id = xpath(created, "/results/client/@client-id");
        String secret = xpath(created, "/results/client/secret");
        if (role.isPresent()) {
            assertSimilar(OK, admin.call("client-roles-update", "client-id", id, "role", role.get()));
        }
        JsonClient.Reply t = new JsonClient(server.baseUrl()).post("/v1/admin/token", "{\"client_id\":" + JsonClient.q(id)
                + ",\"client_secret\":" + JsonClient.q(secret) + ",\"type\":\"client\"}");
        assertThat(t.status()).as(t.raw()).isEqualTo(200);
        return t.body().get("client_token").asText();
    }

    private static JsonClient json(String token) {
        JsonClient j = new JsonClient(server.baseUrl());
        j.useToken(token);
        return j;
    }

    private static String humanIdOf(long principalId) {
        try (Connection c = server.jdbc();
             PreparedStatement ps = c.prepareStatement("SELECT LOWER(HEX(uuid)) FROM principal WHERE principal_id = ?")) {
            ps.setLong(1, principalId);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- users:update, users:password-reset

    @Test
    void usersUpdateCannotGrantItsHolderNewPermissions() {
        role("holes:updater", "users:update");
        String locator = user("updater@example.com", "holes:updater");
        JsonClient updater = JsonClient.loggedIn(server, "updater@example.com", PASSWORD);

        JsonClient.Reply r = updater.patch("/auth/users/" + locator, "{\"firstName\":\"Sam\",\"lastName\":\"Doe\","
                + "\"roles\":[\"holes:updater\"],\"tenants\":[],\"permissions\":[\"clients:manage\",\"roles:create\"]}",
                Optional.empty());

        assertForbidden(r);
        assertForbidden(updater.post("/auth/roles", "{\"name\":\"holes:self-made\",\"description\":\"\","
                + "\"permissions\":[\"users:delete\"]}"));
        assertForbidden(updater.post("/resources/clients", "{\"name\":\"self-made client\"}"));
        assertThat(aclRows(principalId("updater@example.com"))).isZero();
    }

    @Test
    void passwordResetCannotTakeOverTheAdministrator() {
        role("holes:resetter", "users:password-reset");
        user("resetter@example.com", "holes:resetter");
        JsonClient resetter = JsonClient.loggedIn(server, "resetter@example.com", PASSWORD);
        String adminLocator = adminJson().get("/auth/users/whoami").body().get("locator").asText();
        try {
            JsonClient.Reply r = resetter.patch("/auth/users/" + adminLocator + "/passwordreset",
                    JsonClient.q("Taken-Over-Admin-77"), Optional.empty());

            assertForbidden(r);
            assertThat(logsIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD)).isTrue();
            assertThat(logsIn(TestServer.ADMIN_LOGIN, "Taken-Over-Admin-77")).isFalse();
        } finally {
            restoreAdminPassword();
        }
    }

    // ---------------------------------------------------------------- iam/principals:write on itself

    @Test
    void principalsWriteCannotWidenItsOwnAcl() {
        role("holes:iam-editor", "iam/principals:read", "iam/principals:write");
        String id = user("iam-editor@example.com", "holes:iam-editor");
        JsonClient editor = JsonClient.loggedIn(server, "iam-editor@example.com", PASSWORD);
        String etag = editor.get("/resources/iam/principals/" + id).etag().orElseThrow();

        JsonClient.Reply r = editor.put("/resources/iam/principals/" + id + "/acl",
                "{\"acl\":[\"iam/principals:*\",\"clients:manage\"]}", Optional.of(etag));

        assertForbidden(r);
        assertThat(aclRows(principalId("iam-editor@example.com"))).isZero();
        assertThat(adminJson().get("/resources/iam/principals/" + id).body().get("acl").get("entries").size()).isZero();
    }

    @Test
    void principalsWriteCannotWidenItsOwnAccessAttributes() {
        role("holes:scoped-editor", "iam/principals:read", "iam/principals:write");
        String id = user("scoped-editor@example.com", "holes:scoped-editor");
        JsonClient admin = adminJson();
        JsonClient.Reply scoped = admin.put("/resources/iam/principals/" + id + "/access-attributes",
                "{\"accessAttributes\":{\"channelKey\":[\"STORE-NYC\"]}}",
                Optional.of(admin.get("/resources/iam/principals/" + id).etag().orElseThrow()));
        assertThat(scoped.status()).as(scoped.raw()).isEqualTo(200);
        JsonClient editor = JsonClient.loggedIn(server, "scoped-editor@example.com", PASSWORD);
        String etag = editor.get("/resources/iam/principals/" + id).etag().orElseThrow();

        JsonClient.Reply r = editor.put("/resources/iam/principals/" + id + "/access-attributes",
                "{\"accessAttributes\":{\"channelKey\":[\"STORE-NYC\",\"STORE-LA\"]}}", Optional.of(etag));

        assertForbidden(r);
        JsonNode attrs = adminJson().get("/resources/iam/principals/" + id).body().get("accessAttributes");
        assertThat(attrs.toString()).isEqualTo("{\"channelKey\":[\"STORE-NYC\"]}");
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal_attribute WHERE principal_id = ?",
                principalId("scoped-editor@example.com"))).isEqualTo(1);
    }

    // ---------------------------------------------------------------- rank ADMIN

    @Test
    void rankAdminCannotJoinTheAdminsGroup() {
        String id = xmlUser("rank-joiner@example.com");
        rank(id, "ADMIN");
        BreezeClient joiner = xmlAs("rank-joiner@example.com", Directory.USER_PASSWORD);
        try {
            assertSimilar(DENIED, joiner.call("group-membership-update", "group-id", adminsGroup(), "principal-id", id,
                    "is-member", "true"));
            assertThat(adminsMembers()).doesNotContain(id);
        } finally {
            restoreAdmins();
        }
    }

    @Test
    void rankAdminCannotGrantItselfEverythingThroughItsAcl() {
        String id = xmlUser("rank-acl@example.com");
        rank(id, "ADMIN");
        BreezeClient self = xmlAs("rank-acl@example.com", Directory.USER_PASSWORD);

        assertSimilar(DENIED, self.call("principal-acl-update", "principal-id", id, "acl", "*:*"));
        assertThat(aclRows(Long.parseLong(id))).isZero();
    }

    @Test
    void rankAdminCannotSetTheAdministratorsPassword() {
        String id = xmlUser("rank-pwd@example.com");
        rank(id, "ADMIN");
        BreezeClient self = xmlAs("rank-pwd@example.com", Directory.USER_PASSWORD);
        try {
            assertSimilar(DENIED, self.call("user-update-pwd", "user-id", Long.toString(adminId()),
                    "password", "Rank-Took-Admin-88", "password-verify", "Rank-Took-Admin-88"));
            assertThat(logsIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD)).isTrue();
        } finally {
            restoreAdminPassword();
        }
    }

    @Test
    void rankAdminCannotGrantItselfPermissionsThroughUsersUpdate() {
        String id = xmlUser("rank-patch@example.com");
        rank(id, "ADMIN");
        JsonClient self = JsonClient.loggedIn(server, "rank-patch@example.com", Directory.USER_PASSWORD);
        String locator = self.get("/auth/users/whoami").body().get("locator").asText();

        JsonClient.Reply r = self.patch("/auth/users/" + locator, "{\"firstName\":\"Plain\",\"lastName\":\"User\","
                + "\"roles\":[],\"tenants\":[],\"permissions\":[\"clients:manage\",\"roles:create\"]}", Optional.empty());

        assertForbidden(r);
        assertThat(aclRows(Long.parseLong(id))).isZero();
    }

    @Test
    void rankAdminCannotSuspendASuper() {
        String id = xmlUser("rank-suspender@example.com");
        String superUser = xmlUser("rank-super@example.com");
        rank(id, "ADMIN");
        rank(superUser, "SUPER");
        BreezeClient self = xmlAs("rank-suspender@example.com", Directory.USER_PASSWORD);

        assertSimilar(DENIED, self.call("user-suspension-toggle", "principal-id", superUser));
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal WHERE principal_id = ?"
                + " AND suspended_at IS NULL", Long.parseLong(superUser))).isEqualTo(1);
    }

    @Test
    void rankAdminCannotPutAnotherUserInTheAdminsGroup() {
        String id = xmlUser("rank-promoter@example.com");
        String other = xmlUser("rank-promoted@example.com");
        rank(id, "ADMIN");
        BreezeClient self = xmlAs("rank-promoter@example.com", Directory.USER_PASSWORD);
        try {
            assertSimilar(DENIED, self.call("group-membership-update", "group-id", adminsGroup(), "principal-id", other,
                    "is-member", "true"));
            assertThat(adminsMembers()).doesNotContain(other);
        } finally {
            restoreAdmins();
        }
    }

    // ---------------------------------------------------------------- POST /auth/users

    @Test
    void aClientWithUsersCreateCannotCreateAUserHoldingRolesItLacks() {
        role("holes:client-manager", "clients:manage");
        role("holes:user-creator", "users:create");
        JsonClient client = json(clientToken("holes creator", Optional.of("holes:user-creator")));

        JsonClient.Reply r = client.post("/auth/users", newUserBody("escalated-by-client@example.com", PASSWORD,
                "holes:client-manager"));

        assertForbidden(r);
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal WHERE login = ?",
                "escalated-by-client@example.com")).isZero();
    }

    @Test
    void creatingAnExistingLoginIsAConflictWhateverThePassword() {
        role("holes:existing-reader", "users:read");
        role("holes:other-role", "users:list");
        String locator = user("existing@example.com", "holes:existing-reader");
        JsonClient admin = adminJson();

        JsonClient.Reply wrong = admin.post("/auth/users", newUserBody("existing@example.com", "Wrong-Guess-Pass-13",
                "holes:other-role"));
        JsonClient.Reply right = admin.post("/auth/users", newUserBody("existing@example.com", PASSWORD,
                "holes:other-role"));

        assertThat(wrong.status()).as(wrong.raw()).isEqualTo(409);
        assertThat(right.status()).as(right.raw()).isEqualTo(409);
        assertThat(adminJson().get("/auth/users/" + locator).body().get("roles").toString())
                .isEqualTo("[\"holes:existing-reader\"]");
        assertThat(logsIn("existing@example.com", PASSWORD)).isTrue();
    }

    // ---------------------------------------------------------------- /multipleusers

    @Test
    void multipleUsersIsForOrganisationAdminsOnly() {
        JsonClient client = json(clientToken("holes no roles lister", Optional.empty()));
        xmlUser("multi-plain@example.com");
        JsonClient plain = JsonClient.loggedIn(server, "multi-plain@example.com", Directory.USER_PASSWORD);

        JsonClient.Reply byClient = client.get("/multipleusers");
        JsonClient.Reply byPlain = plain.get("/multipleusers");
        JsonClient.Reply byAdmin = adminJson().get("/multipleusers");

        assertThat(byClient.status()).as(byClient.raw()).isEqualTo(403);
        assertThat(byPlain.status()).as(byPlain.raw()).isEqualTo(403);
        assertThat(byAdmin.status()).as(byAdmin.raw()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- user-permissions

    @Test
    void userPermissionsListsWhatARankGrants() {
        String id = xmlUser("rank-listed@example.com");
        rank(id, "ADMIN");

        List<String> permissions = xmlPermissions(adminXml().call("user-permissions", "principal-id", id));

        assertThat(permissions).containsExactlyInAnyOrder("users:create", "users:read", "users:list", "users:update",
                "users:delete", "users:password-reset", "groups:update", "fields:manage", "iam/principals:read",
                "iam/principals:write", "directory:list");
    }

    @Test
    void userPermissionsListsTheDirectoryListingEveryPersonHolds() {
        String locator = user("no-roles-listed@example.com");
        JsonClient self = JsonClient.loggedIn(server, "no-roles-listed@example.com", PASSWORD);

        JsonClient.Reply r = self.get("/auth/users/" + locator + "/permissions");

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<String> permissions = new ArrayList<>();
        r.body().forEach(n -> permissions.add(n.asText()));
        assertThat(permissions).contains("directory:list");
    }

    // ---------------------------------------------------------------- the last administrator

    @Test
    void theLastAdministratorCannotLeaveTheAdminsGroup() {
        restoreAdmins();
        String admin = Long.toString(adminId());
        String admins = adminsGroup();
        assertThat(adminsMembers()).containsExactly(admin);
        try {
            assertSimilar(DENIED, adminXml().call("group-membership-update", "group-id", admins, "principal-id", admin,
                    "is-member", "false"));
            assertThat(adminsMembers()).containsExactly(admin);

            String second = xmlUser("second-admin@example.com");
            assertSimilar(OK, adminXml().call("group-membership-update", "group-id", admins, "principal-id", second,
                    "is-member", "true"));
            BreezeClient secondAdmin = xmlAs("second-admin@example.com", Directory.USER_PASSWORD);
            assertSimilar(OK, secondAdmin.call("group-membership-update", "group-id", admins, "principal-id", second,
                    "is-member", "false"));
            assertThat(adminsMembers()).containsExactly(admin);
        } finally {
            restoreAdmins();
        }
    }

    // ---------------------------------------------------------------- /api/v1/users

    @Test
    void aClientWithoutRolesListsNoUsers() {
        xmlUser("not-a-client-user@example.com");
        JsonClient client = json(clientToken("holes bare lister", Optional.empty()));

        JsonClient.Reply r = client.get("/api/v1/users");

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().isArray()).as(r.raw()).isTrue();
        assertThat(r.body().size()).isZero();
    }

    @Test
    void aClientWithUsersCreateAloneManagesTheUsersItCreated() {
        role("holes:only-create", "users:create");
        String token = clientToken("holes own users", Optional.of("holes:only-create"));
        BreezeClient xml = server.client();
        xml.useSession(token);
        String created = xml.call("principal-update", "type", "user", "has-children", "0", "login", "own.user@example.com",
                "first-name", "Sam", "last-name", "Doe", "email", "own.user@example.com", "password", "Client-User-Pass-77",
                "client-user-id", "own-1");
        assertThat(status(created)).as(created).isEqualTo("ok");
        String humanId = humanIdOf(Long.parseLong(xpath(created, "/results/principal/@principal-id")));
        JsonClient owner = json(token);
        JsonClient stranger = json(clientToken("holes stranger", Optional.empty()));

        JsonClient.Reply listed = owner.get("/api/v1/users");
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        assertThat(listed.body().findValuesAsText("humanId")).containsExactly(humanId);
        JsonClient.Reply read = owner.get("/api/v1/users/" + humanId);
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        JsonClient.Reply other = stranger.get("/api/v1/users/" + humanId);
        assertThat(other.status()).as(other.raw()).isEqualTo(404);
        JsonClient.Reply deleted = owner.delete("/api/v1/users/" + humanId, Optional.empty());
        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal WHERE login = ?"
                + " AND deleted_at IS NOT NULL", "own.user@example.com")).isEqualTo(1);
    }
}
