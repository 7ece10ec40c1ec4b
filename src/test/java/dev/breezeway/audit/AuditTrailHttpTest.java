package dev.breezeway.audit;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail through both faces: "who put user X into admins, when, from where" answered by
 * {@code audit-event-list} and {@code GET /resources/audit-events}; events written in the transaction of
 * their change (a rolled-back batch leaves none) except refused logins, which survive; no secret in them.
 */
class AuditTrailHttpTest {
    private static TestServer server;
    private static Directory dir;
    private static BreezeClient admin;
    private static JsonClient json;
    private static String adminId;
    private static String adminsId;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("BREEZEWAY_LOGIN_MAX_FAILURES", "3"));
        dir = new Directory(server);
        admin = dir.admin();
        json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        adminsId = dir.builtIn("admins");
        adminId = xpath(admin.call("principal-list", "filter-login", TestServer.ADMIN_LOGIN),
                "/results/principal-list/principal/@principal-id");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String events(String... filters) {
        String xml = admin.call("audit-event-list", filters);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        return xml;
    }

    @Test
    void whoPutUserXIntoAdminsWhenAndFromWhereThroughBothFaces() {
        String x = dir.user("audit-x@example.com", "Xavier", "Audit");
        Instant before = server.clock().instant();
        String reply = admin.call("group-membership-update", "group-id", adminsId, "principal-id", x, "is-member", "true");
        assertThat(status(reply)).as(reply).isEqualTo("ok");

        // The XML face: filtered on the object X.
        String xml = events("filter-object-id", x, "filter-kind", "membership.add");
        assertThat(count(xml, "/results/audit-events/event")).as(xml).isEqualTo(1);
        String eventId = xpath(xml, "//event/@event-id");
        String at = xpath(xml, "//event/@occurred-at");
        assertThat(Instant.parse(at)).isBetween(before.minusSeconds(1), server.clock().instant().plusSeconds(1));
        String details = "{\"group-id\":" + adminsId + ",\"group-name\":\"Administrators\",\"group-type\":\"admins\"}";
        assertSimilar("<results><status code=\"ok\"/><audit-events><event event-id=\"" + eventId + "\" kind=\"membership.add\""
                + " occurred-at=\"" + at + "\" actor-id=\"" + adminId + "\" object-type=\"principal\" object-id=\"" + x
                + "\" address=\"127.0.0.1\" face=\"xml\"><actor-login>" + TestServer.ADMIN_LOGIN + "</actor-login>"
                + "<object-name>audit-x@example.com</object-name><details>" + details.replace("\"", "&quot;")
                + "</details></event></audit-events></results>", xml);

        // The JSON face answers the same event.
        JsonClient.Reply r = json.get("/resources/audit-events?object=" + x + "&kind=membership.add");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode e = r.body().get("events").get(0);
        assertThat(r.body().get("events")).hasSize(1);
        assertThat(e.get("id").asText()).isEqualTo(eventId);
        assertThat(e.get("kind").asText()).isEqualTo("membership.add");
        assertThat(e.get("occurredAt").asText()).isEqualTo(at);
        assertThat(e.get("actor").get("id").asText()).isEqualTo(adminId);
        assertThat(e.get("actor").get("login").asText()).isEqualTo(TestServer.ADMIN_LOGIN);
        assertThat(e.get("object").get("id").asText()).isEqualTo(x);
        assertThat(e.get("object").get("name").asText()).isEqualTo("audit-x@example.com");
        assertThat(e.get("details").get("group-type").asText()).isEqualTo("admins");
        assertThat(e.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(e.get("face").asText()).isEqualTo("xml");
        assertThat(r.body().get("nextCursor").isNull()).isTrue();

        // Removing X again is recorded too.
        admin.call("group-membership-update", "group-id", adminsId, "principal-id", x, "is-member", "false");
        assertThat(count(events("filter-object-id", x, "filter-kind", "membership.remove"), "//event")).isEqualTo(1);
    }

    @Test
    void aChangeThroughTheJsonFaceIsRecordedAsJson() {
        String x = dir.user("audit-json@example.com", "Jason", "Audit");
        JsonClient.Reply found = json.get("/resources/iam/principals?search=audit-json");
        assertThat(found.status()).as(found.raw()).isEqualTo(200);
        String uuid = found.body().get("principals").get(0).get("id").asText();
        JsonClient.Reply roles = json.put("/resources/iam/principals/" + uuid + "/roles",
                "{\"roles\":[\"auditor\"]}", java.util.Optional.of("*"));
        assertThat(roles.status()).as(roles.raw()).isBetween(200, 299);
        JsonClient.Reply s = json.post("/resources/iam/principals/" + uuid + "/suspend", "{}", "*");
        assertThat(s.status()).as(s.raw()).isEqualTo(200);

        String xml = events("filter-object-id", x, "filter-kind", "principal.suspend");
        assertThat(xpath(xml, "//event/@face")).as(xml).isEqualTo("json");
        assertThat(xpath(xml, "//event/@address")).isEqualTo("127.0.0.1");
        assertThat(xpath(xml, "//event/actor-login")).isEqualTo(TestServer.ADMIN_LOGIN);
        JsonNode r = json.get("/resources/audit-events?object=" + x + "&kind=principal.roles").body();
        assertThat(r.get("events")).as(r.toString()).hasSize(1);
        assertThat(r.get("events").get(0).get("face").asText()).isEqualTo("json");
        assertThat(r.get("events").get(0).get("details").get("roles").get("after").toString()).isEqualTo("[\"auditor\"]");
        // The JSON face names principals by UUID: object= takes it as well as the number.
        JsonNode byUuid = json.get("/resources/audit-events?object=" + uuid + "&kind=principal.suspend").body();
        assertThat(byUuid.get("events")).as(byUuid.toString()).hasSize(1);
        assertThat(byUuid.get("events").get(0).get("object").get("id").asText()).isEqualTo(x);
    }

    @Test
    void aRolledBackBatchLeavesNoMembershipEventButItsFailedLoginIsRecorded() {
        String x = dir.user("audit-batch@example.com", "Batch", "Audit");
        String group = dir.group("audit-batch-group", "for the batch");
        String body = "<actions mode=\"atomic\">"
                + "<action name=\"group-membership-update\"><param name=\"group-id\">" + group + "</param>"
                + "<param name=\"principal-id\">" + x + "</param><param name=\"is-member\">true</param></action>"
                + "<action name=\"login\"><param name=\"login\">audit-batch@example.com</param>"
                + "<param name=\"password\">Wrong-Batch-Pass-1</param></action></actions>";
        String reply = admin.post("session=" + admin.session().orElseThrow(), "text/xml",
                body.getBytes(StandardCharsets.UTF_8)).body();
        assertThat(reply).contains("rolled-back=\"true\"");
        // The membership rolled back, and so did its event …
        assertThat(xpath(admin.call("principal-list", "group-id", group, "filter-is-member", "true"),
                "count(//principal)")).isEqualTo("0");
        assertThat(count(events("filter-object-id", x, "filter-kind", "membership.add"), "//event")).isZero();
        // … while the failed login stays recorded.
        String failed = events("filter-object-name", "audit-batch@example.com", "filter-kind", "login.failed");
        assertThat(count(failed, "//event")).as(failed).isEqualTo(1);
        assertThat(xpath(failed, "//event/@face")).isEqualTo("xml");
        assertThat(xpath(failed, "//event/@actor-id")).isEmpty();
    }

    @Test
    void loginsOkFailedLockedAndLogoutsAreRecordedWithoutSecrets() throws Exception {
        String u = dir.user("audit-login@example.com", "Login", "Audit");
        for (int i = 0; i < 5; i++) {
            server.client().call("login", "login", "audit-login@example.com", "password", "Wrong-Secret-" + i);
        }
        server.client().call("login", "login", "audit-nobody@example.com", "password", "Wrong-Secret-x");
        String failed = events("filter-object-id", u, "filter-kind", "login.failed");
        assertThat(count(failed, "//event")).as(failed).isEqualTo(3);
        assertThat(xpath(failed, "//event[1]/details")).contains("wrong-password");
        String locked = events("filter-object-name", "audit-login@example.com", "filter-kind", "login.locked");
        assertThat(count(locked, "//event")).as(locked).isEqualTo(2);
        String unknown = events("filter-object-name", "audit-nobody@example.com");
        assertThat(xpath(unknown, "//event/@kind")).isEqualTo("login.failed");
        assertThat(xpath(unknown, "//event/details")).contains("unknown-login");

        String ok = dir.user("audit-ok@example.com", "Ok", "Audit");
        BreezeClient c = server.client();
        c.login("audit-ok@example.com", Directory.USER_PASSWORD);
        c.call("logout");
        JsonClient j = JsonClient.loggedIn(server, "audit-ok@example.com", Directory.USER_PASSWORD);
        assertThat(j.post("/resources/auth/logout", "{}").status()).isEqualTo(204);
        String mine = events("filter-object-id", ok, "filter-rows", "10");
        List<String> kinds = new ArrayList<>();
        for (int i = 1; i <= count(mine, "//event"); i++) {
            kinds.add(xpath(mine, "//event[" + i + "]/@kind") + "/" + xpath(mine, "//event[" + i + "]/@face"));
        }
        // Newest first.
        assertThat(kinds).as(mine).containsSubsequence("logout/json", "login.ok/json", "logout/xml", "login.ok/xml");
        assertThat(xpath(mine, "//event[@kind='logout'][1]/@actor-id")).isEqualTo(ok);

        // No password, hash, token or secret anywhere in the trail.
        List<String> secrets = new ArrayList<>(List.of(Directory.USER_PASSWORD, TestServer.ADMIN_PASSWORD,
                "Wrong-Secret", "Wrong-Batch-Pass", admin.session().orElseThrow(), json.token().orElseThrow(),
                "$argon2", "pbkdf2"));
        try (Connection db = server.jdbc(); ResultSet rs = db.createStatement().executeQuery(
                "SELECT CONCAT_WS('|', actor_login, kind, object_id, object_name, details, address, face) FROM audit_event")) {
            while (rs.next()) {
                String row = rs.getString(1);
                for (String s : secrets) {
                    assertThat(row).doesNotContain(s);
                }
            }
        }
    }

    @Test
    void aPlainUserMayNotReadTheTrail() {
        BreezeClient plain = dir.plainUser("audit-plain@example.com");
        assertSimilar("<results><status code=\"no-access\" subcode=\"denied\"/></results>", plain.call("audit-event-list"));
        JsonClient j = JsonClient.loggedIn(server, "audit-plain@example.com", Directory.USER_PASSWORD);
        assertThat(j.get("/resources/audit-events").status()).isEqualTo(403);
        assertThat(new JsonClient(server.baseUrl()).get("/resources/audit-events").status()).isEqualTo(401);
    }

    @Test
    void pagesAndFiltersOnBothFaces() {
        String g = dir.group("audit-paging", "paging");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String u = dir.user("audit-page-" + i + "@example.com", "Page", "U" + i);
            users.add(u);
            dir.addMember(g, u);
        }
        Set<String> seen = new HashSet<>();
        for (int start = 0; start < 5; start += 2) {
            String page = events("filter-kind", "membership.add", "filter-object-id", users.get(0), "filter-object-id",
                    users.get(1), "filter-object-id", users.get(2), "filter-object-id", users.get(3), "filter-object-id",
                    users.get(4), "filter-rows", "2", "filter-start", Integer.toString(start));
            for (int i = 1; i <= count(page, "//event"); i++) {
                assertThat(seen.add(xpath(page, "//event[" + i + "]/@object-id"))).isTrue();
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(users);
        String newest = events("filter-kind", "membership.add", "filter-rows", "1");
        assertThat(xpath(newest, "//event/@object-id")).isEqualTo(users.get(4));

        // Time filters.
        String future = server.clock().instant().plus(Duration.ofDays(1)).toString();
        assertThat(count(events("filter-gte-occurred-at", future), "//event")).isZero();
        assertThat(count(events("filter-lte-occurred-at", future, "filter-kind", "membership.add",
                "filter-object-id", users.get(0)), "//event")).isEqualTo(1);
        // Bad filters and pages.
        assertThat(status(admin.call("audit-event-list", "filter-colour", "red"))).isEqualTo("invalid");
        assertThat(status(admin.call("audit-event-list", "filter-gt-occurred-at", "yesterday"))).isEqualTo("invalid");
        assertThat(status(admin.call("audit-event-list", "filter-rows", "10001"))).isEqualTo("operation-size-error");

        // The JSON face pages with a cursor.
        StringBuilder objects = new StringBuilder();
        users.forEach(u -> objects.append("&object=").append(u));
        JsonNode p1 = json.get("/resources/audit-events?kind=membership.add&limit=3" + objects).body();
        assertThat(p1.get("events")).hasSize(3);
        String cursor = p1.get("nextCursor").asText();
        JsonNode p2 = json.get("/resources/audit-events?kind=membership.add&limit=3&after=" + cursor + objects).body();
        assertThat(p2.get("events")).hasSize(2);
        assertThat(p2.get("nextCursor").isNull()).isTrue();
        Set<String> jsonSeen = new HashSet<>();
        p1.get("events").forEach(e -> jsonSeen.add(e.get("object").get("id").asText()));
        p2.get("events").forEach(e -> jsonSeen.add(e.get("object").get("id").asText()));
        assertThat(jsonSeen).containsExactlyInAnyOrderElementsOf(users);
        assertThat(json.get("/resources/audit-events?actor=" + adminId + "&kind=membership.add&limit=1&from="
                + server.clock().instant().minus(Duration.ofHours(1))).body().get("events")).hasSize(1);
        assertThat(json.get("/resources/audit-events?limit=101").status()).isEqualTo(400);
        assertThat(json.get("/resources/audit-events?from=soon").status()).isEqualTo(400);
    }

    @Test
    void eventsOlderThanTheRetentionArePurged() throws Exception {
        Instant now = server.clock().instant();
        try (Connection db = server.jdbc(); PreparedStatement ps = db.prepareStatement(
                "INSERT INTO audit_event (account_id, occurred_at, kind, object_id) "
                        + "SELECT account_id, ?, 'test.old', ? FROM principal WHERE principal_id = ?")) {
            for (String[] e : new String[][] {{"366", "audit-old"}, {"364", "audit-recent"}}) {
                ps.setTimestamp(1, Timestamp.valueOf(now.minus(Duration.ofDays(Long.parseLong(e[0])))
                        .atOffset(ZoneOffset.UTC).toLocalDateTime()));
                ps.setString(2, e[1]);
                ps.setLong(3, Long.parseLong(adminId));
                ps.executeUpdate();
            }
        }
        assertThat(count(events("filter-kind", "test.old"), "//event")).isEqualTo(2);
        assertThat(server.app().purgeAuditEvents()).isEqualTo(1);
        String left = events("filter-kind", "test.old");
        assertThat(count(left, "//event")).isEqualTo(1);
        assertThat(xpath(left, "//event/@object-id")).isEqualTo("audit-recent");
    }

    @Test
    void changesToPrincipalsPasswordsPoliciesClientsRolesPermissionsAndSessionsAreRecorded() {
        String u = dir.user("audit-change@example.com", "Chang", "Audit");
        assertThat(xpath(events("filter-object-id", u, "filter-kind", "principal.create"), "//event/details"))
                .contains("\"login\":\"audit-change@example.com\"").doesNotContain("Pass");
        assertThat(status(admin.call("principal-update", "principal-id", u, "first-name", "Changed"))).isEqualTo("ok");
        String update = xpath(events("filter-object-id", u, "filter-kind", "principal.update"), "//event/details");
        assertThat(update).contains("\"first-name\":{\"before\":\"Chang\",\"after\":\"Changed\"}")
                .contains("\"name\":{\"before\":\"Chang Audit\",\"after\":\"Changed Audit\"}")
                .doesNotContain("email");
        assertThat(status(admin.call("user-update-pwd", "user-id", u, "password", "New-Secret-Pass-77",
                "password-verify", "New-Secret-Pass-77"))).isEqualTo("ok");
        String pwd = events("filter-object-id", u, "filter-kind", "credentials.set");
        assertThat(count(pwd, "//event")).isEqualTo(1);
        assertThat(pwd).doesNotContain("New-Secret-Pass-77");

        assertThat(status(admin.call("account-policy-update", "face", "xml", "password-min-length", "6"))).isEqualTo("ok");
        assertThat(xpath(events("filter-kind", "policy.update", "filter-object-id", "xml"), "//event[1]/details"))
                .contains("\"minLength\":{\"before\":4,\"after\":6}");

        String created = admin.call("client-create", "name", "Audit Billing");
        String clientId = xpath(created, "//client/@client-id");
        String secret = xpath(created, "//client/secret");
        assertThat(status(server.client().call("client-token", "client-id", clientId, "client-secret", "wrong")))
                .isEqualTo("no-data");
        String token = server.client().call("client-token", "client-id", clientId, "client-secret", secret);
        assertThat(status(token)).as(token).isEqualTo("ok");
        admin.call("client-rotate", "client-id", clientId);
        admin.call("client-revoke", "client-id", clientId);
        String clients = events("filter-object-type", "client", "filter-object-id", clientId);
        List<String> kinds = new ArrayList<>();
        for (int i = 1; i <= count(clients, "//event"); i++) {
            kinds.add(xpath(clients, "//event[" + i + "]/@kind"));
        }
        assertThat(kinds).as(clients).containsExactly("client.revoke", "client.rotate", "client.token",
                "client.token.failed", "client.create");
        String issued = xpath(token, "//client-token");
        assertThat(issued).isNotEmpty();
        assertThat(clients).doesNotContain(secret).doesNotContain(issued);

        String role = admin.call("role-create", "name", "audit-role", "permission", "users:read");
        assertThat(status(role)).as(role).isEqualTo("ok");
        assertThat(xpath(events("filter-kind", "role.create", "filter-object-name", "audit-role"), "//event/details"))
                .contains("users:read");

        String group = dir.group("audit-acl-group", "an ACL object");
        assertThat(status(admin.call("permissions-update", "acl-id", group, "principal-id", u, "permission-id", "view")))
                .isEqualTo("ok");
        String acl = events("filter-kind", "permission.update", "filter-object-id", group);
        assertThat(xpath(acl, "//event/details")).as(acl).contains("\"after\":\"view\"");

        // A session revoked through the JSON face.
        JsonClient j = JsonClient.loggedIn(server, "audit-change@example.com", "New-Secret-Pass-77");
        JsonNode me = j.get("/resources/me").body();
        String uuid = me.get("id").asText();
        JsonNode list = json.get("/resources/iam/principals/" + uuid + "/sessions").body();
        String sessionId = null;
        for (JsonNode n : list) {
            if (!n.get("isRevoked").asBoolean()) {
                sessionId = n.get("id").asText();
            }
        }
        assertThat(sessionId).as(list.toString()).isNotNull();
        assertThat(json.delete("/resources/iam/principals/" + uuid + "/sessions/" + sessionId, java.util.Optional.empty())
                .status()).isEqualTo(204);
        String revoked = events("filter-kind", "session.revoke", "filter-object-id", u);
        assertThat(xpath(revoked, "//event/@face")).as(revoked).isEqualTo("json");
        assertThat(xpath(revoked, "//event/details")).contains(sessionId);
    }
}
