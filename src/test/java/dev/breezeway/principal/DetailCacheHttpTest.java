package dev.breezeway.principal;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static dev.breezeway.support.Waits.millisUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.config.AppConfig;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What principal-info and {@code GET /resources/iam/principals/{id}} show is kept in memory (FreshCache), yet every
 * write that changes it shows on the next read, through either face, in a batch, by roles, custom fields and a
 * manager's change; and on a second node within the change feed's bound. The caches here live an hour and the
 * session cache is off, so only the invalidation can make these reads right.
 */
class DetailCacheHttpTest {
    private static final String SEEN = "detail seen on the other node";
    private static final Map<String, String> LONG_CACHE = Map.of(AppConfig.DETAIL_CACHE_SECONDS, "3600",
            AppConfig.SESSION_CACHE_SECONDS, "0");
    private static TestServer server;
    private static Directory dir;
    private static BreezeClient admin;
    private static JsonClient json;

    @BeforeAll
    static void start() {
        server = TestServer.start(LONG_CACHE);
        dir = new Directory(server);
        admin = server.admin();
        json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String info(BreezeClient c, String id) {
        String xml = c.call("principal-info", "principal-id", id);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        return xml;
    }

    private static String uuid(String id) {
        return xpath(admin.call("principal-modern-info", "principal-id", id), "//principal-modern/@id");
    }

    private static JsonClient.Reply get(JsonClient c, String uuid) {
        JsonClient.Reply r = c.get("/resources/iam/principals/" + uuid);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r;
    }

    /** Reads twice, so the second answer comes from the cache when nothing changed. */
    private static String cachedInfo(String id) {
        String first = info(admin, id);
        assertThat(info(admin, id)).isEqualTo(first);
        return first;
    }

    private static JsonClient.Reply cachedGet(String uuid) {
        JsonClient.Reply first = get(json, uuid);
        assertThat(get(json, uuid).raw()).isEqualTo(first.raw());
        return first;
    }

    private static long hits(String cache) {
        String metrics = server.client().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.baseUrl() + "/metrics"))).body();
        return metrics.lines().filter(l -> l.startsWith("cache_gets_total{") && l.contains("cache=\"" + cache + "\"")
                        && l.contains("result=\"hit\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aSecondReadIsServedFromMemory() {
        String id = dir.user("hana@cache.example", "Hana", "Hit");
        String uuid = uuid(id);
        long xmlHits = hits("principal-info");
        long jsonHits = hits("iam-principal");
        cachedInfo(id);
        cachedGet(uuid);
        assertThat(hits("principal-info")).isGreaterThan(xmlHits);
        assertThat(hits("iam-principal")).isGreaterThan(jsonHits);
    }

    @Test
    void aKnownPrincipalCostsTheDatabaseNoQuery() throws Exception {
        String id = dir.user("quinn@cache.example", "Quinn", "Queries");
        String uuid = uuid(id);
        try (TestServer quiet = server.sibling(Map.of(AppConfig.DETAIL_CACHE_SECONDS, "3600",
                AppConfig.SESSION_CACHE_SECONDS, "60", AppConfig.CLUSTER_POLL_MILLIS, "0"))) {
            BreezeClient a = quiet.admin();
            JsonClient j = JsonClient.loggedIn(quiet, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
            Thread.sleep(1_500);  // the logins' own writes behind the requests are done
            info(a, id);
            get(j, uuid);
            long before = selects();
            long start = System.nanoTime();
            for (int i = 0; i < 40; i++) {
                info(a, id);
                get(j, uuid);
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L + 1;
            // 80 reads, no query for them; the slack is for what a new JDBC connection of this test may read itself,
            // and for the first node's change feed (4 selects a second) on the same database.
            assertThat(selects() - before).isLessThanOrEqualTo(6 + 5 * seconds);
        }
    }

    private static long selects() {
        return server.globalStatus("Com_select");
    }

    @Test
    void anXmlUpdateShowsOnBothFaces() {
        String id = dir.user("xavier@cache.example", "Xavier", "Before");
        String uuid = uuid(id);
        cachedInfo(id);
        cachedGet(uuid);
        assertThat(status(admin.call("principal-update", "principal-id", id, "first-name", "Xavi", "last-name", "After",
                "email", "xavi@cache.example"))).isEqualTo("ok");
        String xml = info(admin, id);
        assertThat(xpath(xml, "//contact/first-name")).isEqualTo("Xavi");
        assertThat(xpath(xml, "//contact/email")).isEqualTo("xavi@cache.example");
        JsonClient.Reply r = get(json, uuid);
        assertThat(r.body().path("email").asText()).isEqualTo("xavi@cache.example");
        assertThat(r.body().path("name").asText()).contains("Xavi");
    }

    @Test
    void aJsonPatchAndRolesShowOnBothFaces() {
        String id = dir.user("jo@cache.example", "Jo", "Json");
        String uuid = uuid(id);
        cachedInfo(id);
        JsonClient.Reply before = cachedGet(uuid);
        JsonClient.Reply patched = json.patch("/resources/iam/principals/" + uuid,
                "{\"email\":\"joanna@cache.example\"}", before.etag());
        assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
        assertThat(xpath(info(admin, id), "//contact/email")).isEqualTo("joanna@cache.example");
        JsonClient.Reply afterPatch = get(json, uuid);
        assertThat(afterPatch.body().path("email").asText()).isEqualTo("joanna@cache.example");
        assertThat(afterPatch.etag()).isNotEqualTo(before.etag());

        JsonClient.Reply roles = json.put("/resources/iam/principals/" + uuid + "/roles", "{\"roles\":[\"iam:editor\"]}",
                afterPatch.etag());
        assertThat(roles.status()).as(roles.raw()).isEqualTo(200);
        assertThat(get(json, uuid).body().path("roles").toString()).isEqualTo("[\"iam:editor\"]");
        assertThat(xpath(admin.call("principal-modern-info", "principal-id", id), "//roles/role")).isEqualTo("iam:editor");
    }

    @Test
    void aJsonPageShowsTheChangesOfItsRows() {
        String id = dir.user("lia@cache.example", "Lia", "Listed");
        String uuid = uuid(id);
        String page = "/resources/iam/principals?search=lia%40cache&limit=5";
        JsonClient.Reply first = json.get(page);
        assertThat(json.get(page).raw()).isEqualTo(first.raw());  // the second from what the first kept
        assertThat(get(json, uuid).body().path("roles").toString()).isEqualTo("[]");
        JsonClient.Reply roles = json.put("/resources/iam/principals/" + uuid + "/roles", "{\"roles\":[\"iam:editor\"]}",
                get(json, uuid).etag());
        assertThat(roles.status()).as(roles.raw()).isEqualTo(200);
        assertThat(json.get(page).body().path("principals").get(0).path("roles").toString()).isEqualTo("[\"iam:editor\"]");
        assertThat(status(admin.call("principal-update", "principal-id", id, "first-name", "Lina"))).isEqualTo("ok");
        assertThat(json.get(page).body().path("principals").get(0).path("name").asText()).contains("Lina");
    }

    @Test
    void aSuspensionShowsOnTheJsonFace() {
        String id = dir.user("sue@cache.example", "Sue", "Suspended");
        String uuid = uuid(id);
        assertThat(cachedGet(uuid).body().path("suspendedAt").isNull()).isTrue();
        assertThat(status(admin.call("principal-suspend", "principal-id", id))).isEqualTo("ok");
        assertThat(get(json, uuid).body().path("suspendedAt").isTextual()).isTrue();
    }

    @Test
    void aBatchShowsWhatItCommittedAndNothingOfWhatItRolledBack() {
        String id = dir.user("bea@cache.example", "Bea", "Batch");
        cachedInfo(id);
        String committed = batch("multiple", update(id, "Beatrix"));
        assertThat(committed).contains("<status code=\"ok\"/>");
        assertThat(xpath(info(admin, id), "//contact/first-name")).isEqualTo("Beatrix");

        // Inside the transaction the batch reads its own write (not kept: it may be rolled back), then fails.
        String rolledBack = batch("transaction", update(id, "Rolled") + "<action name=\"principal-info\">"
                + "<param name=\"principal-id\">" + id + "</param></action>"
                + "<action name=\"principal-update\"><param name=\"principal-id\">" + id + "</param>"
                + "<param name=\"email\">not-an-email</param></action>");
        assertThat(rolledBack).contains("rolled-back=\"true\"");
        assertThat(xpath(info(admin, id), "//contact/first-name")).isEqualTo("Beatrix");
        assertThat(xpath(info(admin, id), "//contact/first-name")).isEqualTo("Beatrix");
    }

    private static String update(String id, String first) {
        return "<action name=\"principal-update\"><param name=\"principal-id\">" + id + "</param>"
                + "<param name=\"first-name\">" + first + "</param></action>";
    }

    private static String batch(String mode, String actions) {
        byte[] body = ("<actions mode=\"" + mode + "\">" + actions + "</actions>").getBytes(StandardCharsets.UTF_8);
        BreezeClient.Reply r = server.client().post("session=" + admin.session().orElseThrow(), "text/xml", body);
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    @Test
    void customFieldValuesTheirOrderAndTheirDeletionShow() {
        String id = dir.user("cy@cache.example", "Cy", "Custom");
        String a = field("Cache badge", "1");
        String b = field("Cache desk", "2");
        cachedInfo(id);
        assertThat(status(admin.call("acl-field-update", "acl-id", id, "field-id", a, "value", "B-1",
                "acl-id", id, "field-id", b, "value", "D-2"))).isEqualTo("ok");
        String xml = cachedInfo(id);
        assertThat(xpath(xml, "//principal/x-" + a)).isEqualTo("B-1");
        assertThat(xpath(xml, "name(//principal/*[starts-with(name(), 'x-')][1])")).isEqualTo("x-" + a);

        assertThat(status(admin.call("custom-field-update", "field-id", a, "object-type", "object-type-principal",
                "name", "Cache badge", "display-seq", "9"))).isEqualTo("ok");
        assertThat(xpath(cachedInfo(id), "name(//principal/*[starts-with(name(), 'x-')][1])")).isEqualTo("x-" + b);

        assertThat(status(admin.call("custom-fields-delete", "field-id", a, "object-type", "object-type-principal")))
                .isEqualTo("ok");
        xml = info(admin, id);
        assertThat(xpath(xml, "count(//principal/x-" + a + ")")).isEqualTo("0");
        assertThat(xpath(xml, "//principal/x-" + b)).isEqualTo("D-2");
    }

    private static String field(String name, String seq) {
        String xml = admin.call("custom-field-update", "object-type", "object-type-principal", "permission-id", "manage",
                "name", name, "field-type", "text", "is-required", "false", "is-primary", "false", "display-seq", seq);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        return xpath(xml, "//field/@field-id");
    }

    @Test
    void aManagersChangeAndDeletionShowInTheirReportsDetail() throws Exception {
        String boss = dir.user("boss@cache.example", "Bo", "Boss");
        String report = dir.user("rae@cache.example", "Rae", "Report");
        try (PreparedStatement ps = server.jdbc().prepareStatement(
                "UPDATE principal SET manager_id = ? WHERE principal_id = ?")) {  // no API sets a manager
            ps.setLong(1, Long.parseLong(boss));
            ps.setLong(2, Long.parseLong(report));
            ps.executeUpdate();
        }
        assertThat(xpath(cachedInfo(report), "//manager/name")).contains("Bo");
        assertThat(status(admin.call("principal-update", "principal-id", boss, "first-name", "Bonnie"))).isEqualTo("ok");
        assertThat(xpath(cachedInfo(report), "//manager/name")).contains("Bonnie");
        assertThat(status(admin.call("principals-delete", "principal-id", boss))).isEqualTo("ok");
        assertThat(xpath(info(admin, report), "count(//manager)")).isEqualTo("0");
    }


    @Test
    void aChangeOnOneNodeShowsOnTheOtherWithinTheBound() throws Exception {
        String id = dir.user("nod@cache.example", "Nod", "Node");
        String field = field("Cache node", "3");
        String uuid = uuid(id);
        try (TestServer two = server.sibling(Map.of(AppConfig.DETAIL_CACHE_SECONDS, "3600",
                AppConfig.SESSION_CACHE_SECONDS, "30"))) {
            BreezeClient adminTwo = two.admin();
            JsonClient jsonTwo = JsonClient.loggedIn(two, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
            Thread.sleep(1_500);  // the logins' own writes behind the requests are done
            String before = info(adminTwo, id);
            assertThat(info(adminTwo, id)).isEqualTo(before);
            JsonClient.Reply got = get(jsonTwo, uuid);

            assertThat(status(admin.call("principal-update", "principal-id", id, "first-name", "Noddy"))).isEqualTo("ok");
            assertThat(millisUntil(SEEN, () -> xpath(info(adminTwo, id), "//contact/first-name").equals("Noddy")))
                    .isLessThan(1_000);
            assertThat(millisUntil(SEEN, () -> get(jsonTwo, uuid).body().path("name").asText().contains("Noddy")))
                    .isLessThan(1_000);

            assertThat(status(admin.call("acl-field-update", "acl-id", id, "field-id", field, "value", "N-3")))
                    .isEqualTo("ok");
            assertThat(millisUntil(SEEN, () -> xpath(info(adminTwo, id), "//principal/x-" + field).equals("N-3")))
                    .isLessThan(1_000);

            JsonClient.Reply roles = json.put("/resources/iam/principals/" + uuid + "/roles",
                    "{\"roles\":[\"iam:editor\"]}", get(json, uuid).etag());
            assertThat(roles.status()).as(roles.raw()).isEqualTo(200);
            assertThat(millisUntil(SEEN, () -> get(jsonTwo, uuid).body().path("roles").toString().equals("[\"iam:editor\"]")))
                    .isLessThan(1_000);
            assertThat(got.etag()).isNotEqualTo(Optional.empty());
        }
    }
}
