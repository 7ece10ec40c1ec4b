package dev.breezeway.org;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seed 004's organisation directory: ranks, guests, suspension, computer usernames, smartcards, removal. */
class OrgUsersHttpTest {
    private static TestServer server;
    private static Directory dir;
    private static JsonClient admin;
    private static BreezeClient xml;

    @BeforeAll
    static void start() {
        // setRank writes behind the server's back, which a cached session would not see for its TTL.
        server = TestServer.start(java.util.Map.of("BREEZEWAY_SESSION_CACHE_SECONDS", "0"));
        dir = new Directory(server);
        admin = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        xml = dir.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonClient as(String login) {
        return JsonClient.loggedIn(server, login, Directory.USER_PASSWORD);
    }

    /** A form-encoded POST as the seed's clients send it. */
    private static JsonClient.Reply form(JsonClient c, String path, String... kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            sb.append(sb.length() == 0 ? "" : "&").append(kv[i]).append('=')
                    .append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return formBody(c, path, sb.toString());
    }

    private static JsonClient.Reply formBody(JsonClient c, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + c.token().orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        BreezeClient.Reply r = server.client().send(b);
        try {
            return new JsonClient.Reply(r.status(), java.util.Optional.empty(),
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()), r.body(), java.util.Optional.empty());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(r.body(), e);
        }
    }

    private static void setRank(String id, String rank) throws Exception {
        try (Connection c = server.jdbc(); Statement s = c.createStatement()) {
            s.execute("UPDATE principal SET user_rank = '" + rank + "' WHERE principal_id = " + Long.parseLong(id));
        }
    }

    @Test
    void onlyASuperMakesAnAdminOrSuper() throws Exception {
        String regular = dir.user("rank-regular@example.com", "R", "G");
        String adminUser = dir.user("rank-admin@example.com", "A", "D");
        String target = dir.user("rank-target@example.com", "T", "G");
        setRank(adminUser, "ADMIN");
        JsonClient.Reply byRegular = form(as("rank-regular@example.com"), "/modifyrank", "admin_user_id", target, "rank", "SUPER");
        assertThat(byRegular.status()).isEqualTo(403);
        assertThat(byRegular.body().get("error").isTextual()).isTrue();
        JsonClient.Reply byAdmin = form(as("rank-admin@example.com"), "/modifyrank", "admin_user_id", target, "rank", "SUPER");
        assertThat(byAdmin.status()).isEqualTo(403);
        assertThat(form(as("rank-admin@example.com"), "/modifyrank", "admin_user_id", target, "rank", "ADMIN").status())
                .isEqualTo(403);
        JsonClient.Reply bySuper = admin.post("/modifyrank", "{\"admin_user_id\":" + target + ",\"rank\":\"ADMIN\"}");
        assertThat(bySuper.status()).as(bySuper.raw()).isEqualTo(200);
        assertThat(bySuper.body().get("success").asText()).contains("ADMIN");
        assertThat(status(xml.call("user-rank-update", "principal-id", regular, "rank", "SUPER"))).isEqualTo("ok");
        assertThat(form(as("rank-regular@example.com"), "/modifyrank", "admin_user_id", target, "rank", "REGULAR").status())
                .isEqualTo(200);
        assertThat(admin.post("/modifyrank", "{\"admin_user_id\":" + target + ",\"rank\":\"KING\"}").status()).isEqualTo(400);
    }

    @Test
    void anAdminRankGrantsUserManagement() throws Exception {
        String id = dir.user("rank-manager@example.com", "M", "G");
        BreezeClient manager = server.client();
        manager.login("rank-manager@example.com", Directory.USER_PASSWORD);
        String victim = dir.user("rank-victim@example.com", "V", "C");
        assertThat(status(manager.call("principals-delete", "principal-id", victim))).isEqualTo("no-access");
        setRank(id, "ADMIN");
        assertThat(status(manager.call("principals-delete", "principal-id", victim))).isEqualTo("ok");
    }

    @Test
    void guestsAreListedByTypeCannotJoinGroupsOrPoliciesAndCanBePromoted() {
        String guest = xpath(xml.call("principal-update", "login", "guest@example.com", "first-name", "Gus", "last-name", "Guest",
                "type", "guest", "has-children", "0"), "/results/principal/@principal-id");
        assertThat(xpath(xml.call("principal-list", "filter-type", "guest"), "//principal/@principal-id")).isEqualTo(guest);
        String group = dir.group("NoGuests", "");
        assertSimilar("""
                <results><status code="invalid"><invalid field="principal-id" type="id" subcode="illegal-operation"/></status></results>""",
                xml.call("group-membership-update", "group-id", group, "principal-id", guest, "is-member", "true"));
        String policy = xpath(xml.call("policy-update", "name", "Doors"), "/results/policy/@policy-id");
        assertThat(status(xml.call("policy-membership-update", "policy-id", policy, "principal-id", guest))).isEqualTo("invalid");
        JsonClient.Reply guests = admin.get("/multipleusers?user_tag=GUEST");
        assertThat(guests.body().get(0).get("email_id").asText()).isEqualTo(guest);
        JsonClient.Reply promoted = form(admin, "/promoteguest", "email_id", guest);
        assertThat(promoted.status()).as(promoted.raw()).isEqualTo(200);
        assertThat(form(admin, "/promoteguest", "email_id", guest).status()).isEqualTo(400);
        assertThat(status(xml.call("group-membership-update", "group-id", group, "principal-id", guest, "is-member", "true")))
                .isEqualTo("ok");
        assertThat(status(xml.call("guest-promote", "principal-id", guest))).isEqualTo("invalid");
    }

    @Test
    void toggleSuspensionFlipsAndEndsSessions() {
        String id = dir.user("toggle@example.com", "T", "O");
        JsonClient user = as("toggle@example.com");
        JsonClient.Reply off = form(admin, "/togglesuspension", "email_id", id);
        assertThat(off.body().get("success").asText()).contains("SUSPENDED");
        assertThat(user.get("/resources/me").status()).isEqualTo(401);
        assertThat(status(server.client().call("login", "login", "toggle@example.com", "password", Directory.USER_PASSWORD)))
                .isEqualTo("no-data");
        JsonClient.Reply on = form(admin, "/togglesuspension", "email_id", id);
        assertThat(on.body().get("success").asText()).contains("ACTIVE");
        as("toggle@example.com");
        assertThat(status(xml.call("user-suspension-toggle", "principal-id", id))).isEqualTo("ok");
        assertThat(admin.get("/multipleusers").raw()).contains("\"SUSPENDED\"");
    }

    @Test
    void computerUsernamesAreReplacedWholeAndClearedByAnEmptyList() {
        String id = dir.user("workstation@example.com", "W", "S");
        assertThat(form(admin, "/modifyallusernames", "email_id", id, "computer_usernames",
                "[{\"computer_username\":\"jdeveloper\"},{\"computer_username\":\"jd2\"}]").status()).isEqualTo(200);
        assertThat(admin.get("/user?email_id=" + id).body().get("computer_usernames").size()).isEqualTo(2);
        assertThat(admin.post("/modifyallusernames", "{\"email_id\":" + id + ",\"computer_usernames\":[]}").status()).isEqualTo(200);
        assertThat(admin.get("/user?email_id=" + id).body().get("computer_usernames").size()).isZero();
        assertThat(status(xml.call("user-computer-usernames-update", "principal-id", id, "computer-username", "x1"))).isEqualTo("ok");
    }

    @Test
    void smartcardsAreStoredEncryptedAndDuplicatesNeedAllowDuplicates() throws Exception {
        String a = dir.user("card-a@example.com", "C", "A");
        String b = dir.user("card-b@example.com", "C", "B");
        JsonClient.Reply set = form(admin, "/modifysmartcard", "email_id", a, "smartcards",
                "[{\"number\":\"123456\",\"label\":\"Test\"},{\"number\":\"777\"}]");
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        JsonClient.Reply got = admin.get("/modifysmartcard?email_id=" + a);
        assertThat(got.body().get("email_id").asLong()).isEqualTo(Long.parseLong(a));
        assertThat(got.body().get("smartcards").get(0).get("number").asText()).isEqualTo("123456");
        assertThat(got.body().get("smartcards").get(0).get("label").asText()).isEqualTo("Test");
        try (Connection c = server.jdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT number_enc FROM smartcard")) {
            while (rs.next()) {
                assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain("123456");
            }
        }
        JsonClient.Reply dup = form(admin, "/modifysmartcard", "email_id", b, "smartcards", "[{\"number\":\"123456\"}]");
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.body().get("error").asText()).contains("already used");
        assertThat(form(admin, "/modifysmartcard", "email_id", b, "smartcards", "[{\"number\":\"123456\"}]",
                "allow_duplicates", "true").status()).isEqualTo(200);
        assertThat(form(admin, "/modifysmartcard", "email_id", b, "smartcards", "[]").status()).isEqualTo(200);
        assertThat(count(xml.call("user-smartcards-info", "principal-id", a), "/results/smartcards/smartcard")).isEqualTo(2);
        assertThat(form(admin, "/modifysmartcard", "email_id", a, "smartcards", "[{\"number\":\"12ab\"}]").status()).isEqualTo(400);
    }

    @Test
    void smartcardsAreReadableOnlyByTheUserAndOrganisationAdmins() {
        String a = dir.user("card-owner@example.com", "C", "O");
        dir.user("card-snoop@example.com", "C", "S");
        admin.post("/modifysmartcard", "{\"email_id\":" + a + ",\"smartcards\":[{\"number\":\"42\"}]}");
        assertThat(as("card-owner@example.com").get("/modifysmartcard?email_id=" + a).status()).isEqualTo(200);
        assertThat(as("card-snoop@example.com").get("/modifysmartcard?email_id=" + a).status()).isEqualTo(403);
    }

    @Test
    void multipleUsersHasTheSeedsFields() {
        dir.user("listed-org@example.com", "Listed", "Org");
        JsonClient.Reply r = admin.get("/multipleusers");
        assertThat(r.status()).isEqualTo(200);
        var row = r.body().get(0);
        for (String f : new String[]{"ad_status", "active_date", "confirmed", "created", "device_added", "email", "email_id",
                "email_status", "first_name", "groups", "last_name", "name", "user_id", "username", "unique_id"}) {
            assertThat(row.has(f)).as(f).isTrue();
        }
        JsonClient.Reply withEmail = admin.get("/multipleusers?email=true");
        assertThat(withEmail.raw()).contains("\"name\":\"listed-org@example.com\"");
    }

    @Test
    void removingAUserKeepsItsRecordButEndsEverythingElse() throws Exception {
        String id = dir.user("leaver-org@example.com", "Lea", "Ver");
        String group = dir.group("LeaverGroup", "");
        dir.addMember(group, id);
        String solo = xpath(xml.call("policy-update", "name", "Solo policy"), "/results/policy/@policy-id");
        String shared = xpath(xml.call("policy-update", "name", "Shared policy"), "/results/policy/@policy-id");
        String other = dir.user("stayer-org@example.com", "Sta", "Yer");
        xml.call("policy-membership-update", "policy-id", solo, "principal-id", id);
        xml.call("policy-membership-update", "policy-id", shared, "principal-id", id);
        xml.call("policy-membership-update", "policy-id", shared, "principal-id", other);
        assertThat(admin.get("/user?email_id=" + id).body().get("policies").size()).isEqualTo(2);
        JsonClient user = as("leaver-org@example.com");

        HttpRequest.Builder del = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/user"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + admin.token().orElseThrow())
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"email\":\"leaver-org@example.com\"}"));
        BreezeClient.Reply r = server.client().send(del);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("was successfully deleted from your organization.");

        assertThat(user.get("/resources/me").status()).isEqualTo(401);
        assertThat(status(server.client().call("login", "login", "leaver-org@example.com", "password", Directory.USER_PASSWORD)))
                .isEqualTo("no-data");
        try (Connection c = server.jdbc(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM principal WHERE principal_id = " + Long.parseLong(id));
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            rs = s.executeQuery("SELECT COUNT(*) FROM group_member WHERE member_id = " + Long.parseLong(id));
            rs.next();
            assertThat(rs.getInt(1)).isZero();
            rs = s.executeQuery("SELECT name FROM policy ORDER BY name");
            java.util.List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            assertThat(names).contains("Shared policy").doesNotContain("Solo policy");
        }
        assertThat(admin.get("/user?email_id=" + id).status()).isEqualTo(400);
    }

    @Test
    void xmlSmartcardUpdateAndUserRemove() {
        String a = dir.user("xml-card@example.com", "X", "C");
        assertThat(status(xml.call("user-smartcards-update", "principal-id", a, "number", "900100", "label", "Front door",
                "number", "900200"))).isEqualTo("ok");
        String info = xml.call("user-smartcards-info", "principal-id", a);
        assertThat(xpath(info, "/results/smartcards/smartcard[1]/@number")).isEqualTo("900100");
        assertThat(xpath(info, "/results/smartcards/smartcard[1]/@label")).isEqualTo("Front door");
        String b = dir.user("xml-card2@example.com", "X", "D");
        assertThat(status(xml.call("user-smartcards-update", "principal-id", b, "number", "900100"))).isEqualTo("invalid");
        assertThat(status(xml.call("user-smartcards-update", "principal-id", b, "number", "900100", "allow-duplicates", "true")))
                .isEqualTo("ok");
        assertThat(status(xml.call("user-remove", "email", "xml-card2@example.com"))).isEqualTo("ok");
        assertThat(status(xml.call("principal-info", "principal-id", b))).isEqualTo("no-data");
        assertThat(status(xml.call("user-remove", "principal-id", a))).isEqualTo("ok");
        assertThat(status(server.client().call("login", "login", "xml-card@example.com", "password", Directory.USER_PASSWORD)))
                .isEqualTo("no-data");
    }

    @Test
    void regularUsersCannotManageTheOrganisation() {
        String target = dir.user("managed@example.com", "M", "D");
        dir.user("plain-org@example.com", "P", "O");
        JsonClient plain = as("plain-org@example.com");
        assertThat(form(plain, "/togglesuspension", "email_id", target).status()).isEqualTo(403);
        assertThat(form(plain, "/modifyallusernames", "email_id", target, "computer_usernames", "[]").status()).isEqualTo(403);
        assertThat(form(plain, "/modifysmartcard", "email_id", target, "smartcards", "[]").status()).isEqualTo(403);
        assertThat(form(plain, "/promoteguest", "email_id", target).status()).isEqualTo(403);
        BreezeClient plainXml = server.client();
        plainXml.login("plain-org@example.com", Directory.USER_PASSWORD);
        assertSimilar("<results><status code=\"no-access\" subcode=\"denied\"/></results>",
                plainXml.call("user-remove", "principal-id", target));
    }

    @Test
    void badJsonUnknownUserAndUnauthenticatedCalls() {
        JsonClient.Reply bad = admin.post("/modifyrank", "{\"admin_user_id\": ");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("error").isTextual()).isTrue();
        JsonClient.Reply unknown = form(admin, "/promoteguest", "email_id", "99999999");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("error").asText()).isEqualTo("No such user in your organization");
        assertThat(form(admin, "/modifysmartcard", "email_id", "1", "smartcards", "not json").status()).isEqualTo(400);
        assertThat(new JsonClient(server.baseUrl()).get("/multipleusers").status()).isEqualTo(401);
        assertThat(status(xml.call("user-remove"))).isEqualTo("invalid");
    }
}
