package dev.breezeway.mail;

import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestDatabase;
import dev.breezeway.support.TestServer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mail over real sockets: the Sendings API and its XML mirror queue mail in the caller's transaction, the outbox
 * worker delivers it to a GreenMail SMTP server started here (sanitised HTML plus a text part), keeps it while SMTP
 * is down and delivers it once when it is back, sends nothing for a rolled-back batch, delivers each mail once with
 * two nodes on one database, and without SMTP configured shows it to administrators as undelivered.
 */
class MailOutboxHttpTest {
    private static GreenMail smtp;
    private static TestServer server;
    private static Directory dir;
    private static JsonClient json;

    @BeforeAll
    static void start() {
        int port = freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        smtp.start();
        server = TestServer.start(smtpConfig(port));
        dir = new Directory(server);
        json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
        smtp.stop();
    }

    private static Map<String, String> smtpConfig(int port) {
        return Map.of("BREEZEWAY_SMTP_HOST", "127.0.0.1", "BREEZEWAY_SMTP_PORT", Integer.toString(port),
                "BREEZEWAY_SMTP_FROM", "breezeway@example.com", "BREEZEWAY_MAIL_POLL_MILLIS", "50");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uuidOf(JsonClient c, String login) {
        JsonClient.Reply r = c.get("/resources/iam/principals?search=" + login.substring(0, login.indexOf('@')));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        for (JsonNode p : r.body().get("principals")) {
            if (login.equals(p.path("email").asText())) {
                return p.get("id").asText();
            }
        }
        throw new AssertionError("no principal " + login + " in " + r.raw());
    }

    private static JsonClient.Reply send(JsonClient c, String subject, String html, String... recipients) {
        StringBuilder rs = new StringBuilder();
        for (String r : recipients) {
            rs.append(rs.isEmpty() ? "" : ",").append(JsonClient.q(r));
        }
        return c.post("/resources/sendings", "{\"category\":\"password_reset\",\"subject\":" + JsonClient.q(subject)
                + ",\"bodyHtml\":" + JsonClient.q(html) + ",\"recipients\":[" + rs + "]}");
    }

    private static List<MimeMessage> received(GreenMail g, String subject) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : g.getReceivedMessages()) {
            try {
                if (subject.equals(m.getSubject())) {
                    out.add(m);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static void await(String what, Duration limit, BooleanSupplier done) {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String[] parts(MimeMessage m) throws Exception {
        MimeMultipart mp = (MimeMultipart) m.getContent();
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        assertThat(mp.getCount()).isEqualTo(2);
        assertThat(mp.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(mp.getBodyPart(1).getContentType()).startsWith("text/html");
        return new String[] {(String) mp.getBodyPart(0).getContent(), (String) mp.getBodyPart(1).getContent()};
    }

    @Test
    void aSendingToAUserArrivesWithItsHtmlAndATextPartAndIsShownDelivered() throws Exception {
        dir.user("mail-ada@example.com", "Ada", "Mail");
        String ada = uuidOf(json, "mail-ada@example.com");
        JsonClient.Reply r = send(json, "Password Reset",
                "<p>Your temporary password is <b>Xy-12345</b>.</p><p>Sign in at <a href=\"https://breezeway.example/login\">"
                        + "the login page</a>.</p>", ada);
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        String id = r.body().get("id").asText();
        assertThat(r.body().get("mails").get(0).get("recipient").get("id").asText()).isEqualTo(ada);

        await("the mail", Duration.ofSeconds(30), () -> received(smtp, "Password Reset").size() == 1);
        MimeMessage m = received(smtp, "Password Reset").get(0);
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("mail-ada@example.com");
        assertThat(m.getFrom()[0].toString()).isEqualTo("breezeway@example.com");
        String[] p = parts(m);
        assertThat(p[1]).contains("<b>Xy-12345</b>").contains("href=\"https://breezeway.example/login\"");
        assertThat(p[0]).contains("Your temporary password is Xy-12345.")
                .contains("the login page <https://breezeway.example/login>").doesNotContain("<b>").doesNotContain("<p>");

        await("the delivered mark", Duration.ofSeconds(15),
                () -> json.get("/resources/sendings/" + id).body().path("state").asText().equals("delivered"));
        JsonNode s = json.get("/resources/sendings/" + id).body();
        assertThat(s.get("category").asText()).isEqualTo("password_reset");
        assertThat(s.get("mails").get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(s.get("mails").get(0).get("messageId").asText()).isEqualTo(m.getMessageID());
        assertThat(s.get("mails").get(0).get("deliveredAt").isNull()).isFalse();

        // The XML mirror, the audit trail and the metrics say the same.
        BreezeClient admin = dir.admin();
        String info = admin.call("sending-info", "sending-id", id);
        assertThat(xpath(info, "/results/sending/@state")).as(info).isEqualTo("delivered");
        assertThat(xpath(info, "/results/sending/mail/address")).isEqualTo("mail-ada@example.com");
        String mailId = s.get("mails").get(0).get("id").asText();
        for (String kind : List.of("mail.queued", "mail.delivered")) {
            String ev = admin.call("audit-event-list", "filter-object-id", mailId, "filter-kind", kind);
            assertThat(count(ev, "//event")).as(ev).isEqualTo(1);
        }
        String delivered = admin.call("audit-event-list", "filter-object-id", mailId, "filter-kind", "mail.delivered");
        assertThat(xpath(delivered, "//event/@actor-id")).isEmpty();
        assertThat(xpath(delivered, "//event/details")).doesNotContain("Xy-12345");
        String metrics = server.client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).GET())
                .body();
        assertThat(metrics).containsPattern("breezeway_mail_total\\{state=\"queued\"\\} [1-9]")
                .containsPattern("breezeway_mail_total\\{state=\"delivered\"\\} [1-9]")
                .contains("breezeway_mail_total{state=\"failed\"} ").contains("breezeway_mail_backlog");
    }

    @Test
    void hostileHtmlIsNeutralisedInWhatArrives() throws Exception {
        dir.user("mail-eve@example.com", "Eve", "Mail");
        String eve = uuidOf(json, "mail-eve@example.com");
        String hostile = "<p onclick=\"steal()\">Hello<script>alert(1)</script></p><img src=\"http://evil.example/x.png\""
                + " onerror=\"alert(2)\"><a href=\"javascript:alert(3)\">click</a><a href=\"http://ok.example/\" "
                + "onmouseover=\"x()\">ok</a><iframe src=\"http://evil.example/\"></iframe>"
                + "<style>body{background:url(http://evil.example/t)}</style><div style=\"background:url(http://evil.example/s)\">"
                + "styled</div><a href=\"mailto:help@example.com\">help</a>";
        assertThat(send(json, "Hostile", hostile, eve).status()).isEqualTo(202);
        await("the mail", Duration.ofSeconds(30), () -> received(smtp, "Hostile").size() == 1);
        String[] p = parts(received(smtp, "Hostile").get(0));
        String html = p[1].toLowerCase(java.util.Locale.ROOT);
        for (String bad : List.of("<script", "alert(1)", "onclick", "onerror", "onmouseover", "<img", "evil.example",
                "javascript:", "<iframe", "<style", "style=")) {
            assertThat(html).as(bad).doesNotContain(bad);
        }
        assertThat(html).contains("hello").contains("href=\"http://ok.example/\"").contains("href=\"mailto:help@example.com\"")
                .contains("styled");
        assertThat(p[0]).doesNotContain("alert").doesNotContain("evil").contains("Hello").contains("ok <http://ok.example/>");
    }

    @Test
    void aRolledBackBatchSendsNothing() throws Exception {
        String x = dir.user("mail-batch@example.com", "Batch", "Mail");
        BreezeClient admin = dir.admin();
        String body = "<actions mode=\"atomic\">"
                + "<action name=\"sending-create\"><param name=\"category\">notice</param>"
                + "<param name=\"subject\">Rolled back</param><param name=\"body-html\">&lt;p&gt;never&lt;/p&gt;</param>"
                + "<param name=\"recipient-id\">" + x + "</param></action>"
                + "<action name=\"login\"><param name=\"login\">mail-batch@example.com</param>"
                + "<param name=\"password\">Wrong-Batch-Pass-1</param></action></actions>";
        double queuedBefore = queuedCount();
        String reply = admin.post("session=" + admin.session().orElseThrow(), "text/xml",
                body.getBytes(StandardCharsets.UTF_8)).body();
        assertThat(reply).contains("rolled-back=\"true\"");
        // The same batch without the failing action is delivered: the worker was running all along.
        String ok = body.replaceAll("<action name=\"login\">.*</action></actions>", "</actions>")
                .replace("Rolled back", "Committed");
        assertThat(admin.post("session=" + admin.session().orElseThrow(), "text/xml",
                ok.getBytes(StandardCharsets.UTF_8)).body()).doesNotContain("rolled-back=\"true\"");
        await("the committed mail", Duration.ofSeconds(30), () -> received(smtp, "Committed").size() == 1);
        Thread.sleep(300);
        assertThat(received(smtp, "Rolled back")).isEmpty();
        try (Connection c = server.jdbc();
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM mail_outbox WHERE subject = 'Rolled back'");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        String ev = admin.call("audit-event-list", "filter-kind", "mail.queued", "filter-object-name",
                "mail-batch@example.com");
        assertThat(count(ev, "//event")).as(ev).isEqualTo(1);
        // Only the committed mail is counted as queued (the tests of this class run one at a time).
        assertThat(queuedCount() - queuedBefore).isEqualTo(1.0);
    }

    private static double queuedCount() {
        String metrics = server.client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).GET())
                .body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("breezeway_mail_total\\{state=\"queued\"\\} ([0-9.E]+)")
                .matcher(metrics);
        assertThat(m.find()).as(metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aPlainUserMayNeitherSendNorRead() {
        BreezeClient plain = dir.plainUser("mail-plain@example.com");
        String x = dir.user("mail-target@example.com", "Target", "Mail");
        String denied = plain.call("sending-create", "category", "notice", "subject", "Denied", "body-html", "<p>x</p>",
                "recipient-id", x);
        assertThat(denied).as(denied).contains("code=\"no-access\"").contains("subcode=\"denied\"");
        assertThat(plain.call("sending-list")).contains("subcode=\"denied\"");
        JsonClient pj = JsonClient.loggedIn(server, "mail-plain@example.com", Directory.USER_PASSWORD);
        assertThat(send(pj, "Denied", "<p>x</p>", uuidOf(json, "mail-target@example.com")).status()).isEqualTo(403);
        assertThat(pj.get("/resources/sendings").status()).isEqualTo(403);
        assertThat(server.client().call("sending-list")).contains("subcode=\"no-login\"");
        assertThat(received(smtp, "Denied")).isEmpty();
    }

    @Test
    void aMailANodeLeftMidSendIsSentAgainWithItsMessageIdOnceTheLeaseRunsOutAndFailedAfterTheLastAttempt()
            throws Exception {
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
                .withZone(java.time.ZoneOffset.UTC);
        String past = f.format(server.clock().instant().minus(Duration.ofMinutes(5)));
        String soon = f.format(server.clock().instant().plus(Duration.ofMinutes(1)));
        try (Connection c = server.jdbc()) {
            long account;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT MIN(account_id) FROM principal")) {
                rs.next();
                account = rs.getLong(1);
            }
            String insert = "INSERT INTO mail_outbox (account_id, sending_id, category, recipient_address, subject, body_text,"
                    + " message_id, state, attempts, next_attempt_at, claimed_by, claimed_until, created_at)"
                    + " VALUES (?, UUID(), 'notice', 'lease@example.com', ?, 'text', ?, 'sending', ?, ?, 'dead-node/1', ?, ?)";
            Object[][] rows = {{"Lease expired", "<lease-1@example.com>", 1, past},
                    {"Lease held", "<lease-2@example.com>", 1, soon},
                    {"Lease expired at the last attempt", "<lease-3@example.com>", 10, past}};
            for (Object[] r : rows) {
                try (PreparedStatement q = c.prepareStatement(insert)) {
                    q.setLong(1, account);
                    q.setString(2, (String) r[0]);
                    q.setString(3, (String) r[1]);
                    q.setInt(4, (Integer) r[2]);
                    q.setString(5, past);
                    q.setString(6, (String) r[3]);
                    q.setString(7, past);
                    q.executeUpdate();
                }
            }
        }
        await("the resend", Duration.ofSeconds(30), () -> received(smtp, "Lease expired").size() == 1);
        assertThat(received(smtp, "Lease expired").get(0).getMessageID()).isEqualTo("<lease-1@example.com>");
        Thread.sleep(300);
        assertThat(received(smtp, "Lease held")).isEmpty();  // its node may still be sending it
        assertThat(received(smtp, "Lease expired at the last attempt")).isEmpty();
        try (Connection c = server.jdbc();
             ResultSet rs = c.createStatement().executeQuery("SELECT message_id, state, attempts, last_error FROM mail_outbox"
                     + " WHERE message_id LIKE '<lease-%' ORDER BY message_id")) {
            List<String> got = new ArrayList<>();
            while (rs.next()) {
                got.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3) + " " + rs.getString(4));
            }
            assertThat(got).containsExactly("<lease-1@example.com> delivered 2 null", "<lease-2@example.com> sending 1 null",
                    "<lease-3@example.com> failed 10 the node sending it stopped during the last attempt");
        }
        String failed = dir.admin().call("audit-event-list", "filter-kind", "mail.failed", "filter-object-name",
                "lease@example.com");
        assertThat(count(failed, "//event")).as(failed).isEqualTo(1);
    }

    @Test
    void badRequestsAreInvalid() {
        JsonClient.Reply none = json.post("/resources/sendings", "{\"category\":\"notice\",\"subject\":\"S\",\"bodyHtml\":\"<p>x</p>\"}");
        assertThat(none.status()).as(none.raw()).isEqualTo(400);
        JsonClient.Reply unknown = send(json, "S", "<p>x</p>", "00000000-0000-7000-8000-000000000000");
        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
        assertThat(json.get("/resources/sendings/no-such-sending").status()).isEqualTo(404);
    }

    @Test
    void whileSmtpIsDownMailStaysQueuedThenIsDeliveredOnceWhenItComesBack() throws Exception {
        int port = freePort();
        GreenMail later = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        try (TestServer s = TestServer.start(smtpConfig(port))) {
            new Directory(s).user("mail-down@example.com", "Down", "Mail");
            JsonClient j = JsonClient.loggedIn(s, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
            JsonClient.Reply r = send(j, "While down", "<p>kept</p>", uuidOf(j, "mail-down@example.com"));
            assertThat(r.status()).as(r.raw()).isEqualTo(202);
            String id = r.body().get("id").asText();
            await("a failed attempt", Duration.ofSeconds(30),
                    () -> j.get("/resources/sendings/" + id).body().path("mails").path(0).path("attempts").asInt() >= 1
                            && j.get("/resources/sendings/" + id).body().path("state").asText().equals("queued"));
            JsonNode m = j.get("/resources/sendings/" + id).body().get("mails").get(0);
            assertThat(m.get("lastError").asText()).as(m.toString()).isNotEmpty();
            assertThat(m.get("nextAttemptAt").asText()).isNotEmpty();
            // Undelivered mail is listed for administrators.
            JsonNode queued = j.get("/resources/sendings?state=queued").body();
            assertThat(queued.get("sendings")).hasSize(1);

            later.start();
            Thread.sleep(300);  // not due yet: the back-off holds it
            assertThat(later.getReceivedMessages()).isEmpty();
            s.clock().advance(Duration.ofSeconds(6));
            await("the mail after SMTP came back", Duration.ofSeconds(30), () -> later.getReceivedMessages().length == 1);
            await("the delivered mark", Duration.ofSeconds(15),
                    () -> j.get("/resources/sendings/" + id).body().path("state").asText().equals("delivered"));
            s.clock().advance(Duration.ofMinutes(15));  // past any lease and back-off (the session lasts 30 idle minutes)
            Thread.sleep(300);
            assertThat(later.getReceivedMessages()).hasSize(1);
            assertThat(j.get("/resources/sendings/" + id).body().get("mails").get(0).get("attempts").asInt()).isEqualTo(2);
        } finally {
            later.stop();
        }
    }

    @Test
    void aMailIsFailedAfterItsLastAttemptWithTheErrorAuditedAndCounted() throws Exception {
        Map<String, String> cfg = new java.util.HashMap<>(smtpConfig(freePort()));  // nothing listens there
        cfg.put("BREEZEWAY_MAIL_MAX_ATTEMPTS", "2");
        try (TestServer s = TestServer.start(cfg)) {
            new Directory(s).user("mail-fail@example.com", "Fail", "Mail");
            JsonClient j = JsonClient.loggedIn(s, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
            JsonClient.Reply r = send(j, "Never arrives", "<p>x</p>", uuidOf(j, "mail-fail@example.com"));
            String id = r.body().get("id").asText();
            await("the first attempt", Duration.ofSeconds(30),
                    () -> j.get("/resources/sendings/" + id).body().path("mails").path(0).path("attempts").asInt() == 1
                            && j.get("/resources/sendings/" + id).body().path("state").asText().equals("queued"));
            s.clock().advance(Duration.ofSeconds(6));  // the first back-off is 5 s
            await("the last attempt", Duration.ofSeconds(30),
                    () -> j.get("/resources/sendings/" + id).body().path("state").asText().equals("failed"));
            JsonNode m = j.get("/resources/sendings/" + id).body().get("mails").get(0);
            assertThat(m.get("attempts").asInt()).isEqualTo(2);
            assertThat(m.get("lastError").asText()).as(m.toString()).containsIgnoringCase("connect");
            String ev = new Directory(s).admin().call("audit-event-list", "filter-kind", "mail.failed");
            assertThat(count(ev, "//event")).as(ev).isEqualTo(1);
            assertThat(xpath(ev, "//event/object-name")).isEqualTo("mail-fail@example.com");
            assertThat(xpath(ev, "//event/details")).contains("\"attempts\":2");
            String metrics = s.client().send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/metrics")).GET()).body();
            assertThat(metrics).contains("breezeway_mail_total{state=\"failed\"} 1.0");
        }
    }

    @Test
    void twoNodesOnOneDatabaseDeliverEachMailOnce() throws Exception {
        int port = freePort();
        GreenMail g = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        g.start();
        TestDatabase tdb = TestDatabase.get();
        String url = tdb.newDatabase();
        Map<String, String> cfg = new java.util.HashMap<>(smtpConfig(port));
        cfg.put("BREEZEWAY_MAIL_POLL_MILLIS", "10");
        try (TestServer a = TestServer.start(url, tdb.user(), tdb.password(), cfg);
             TestServer b = TestServer.start(url, tdb.user(), tdb.password(), cfg)) {
            Directory d = new Directory(a);
            JsonClient j = JsonClient.loggedIn(a, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
            List<String> to = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                d.user("mail-node" + i + "@example.com", "Node" + i, "Mail");
                to.add(uuidOf(j, "mail-node" + i + "@example.com"));
            }
            // Queued on b's database rows directly through a too, while both workers poll.
            for (int k = 0; k < 8; k++) {
                JsonClient.Reply r = send(j, "Node mail " + k, "<p>" + k + "</p>", to.toArray(String[]::new));
                assertThat(r.status()).as(r.raw()).isEqualTo(202);
            }
            await("40 mails", Duration.ofSeconds(60), () -> g.getReceivedMessages().length >= 40);
            Thread.sleep(500);
            MimeMessage[] all = g.getReceivedMessages();
            assertThat(all).hasSize(40);
            Set<String> ids = new HashSet<>();
            for (MimeMessage m : all) {
                ids.add(m.getMessageID());
            }
            assertThat(ids).hasSize(40);
            try (Connection c = a.jdbc();
                 PreparedStatement q = c.prepareStatement("SELECT state, attempts, COUNT(*) FROM mail_outbox GROUP BY state, attempts");
                 ResultSet rs = q.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + "/" + rs.getInt(2) + "=" + rs.getInt(3));
                }
                assertThat(rows).containsExactly("delivered/1=40");
            }
        } finally {
            g.stop();
        }
    }

    @Test
    void withoutSmtpMailIsKeptAndShownToAdministratorsAsUndelivered() throws Exception {
        try (TestServer s = TestServer.start(Map.of("BREEZEWAY_MAIL_POLL_MILLIS", "50"))) {
            Directory d = new Directory(s);
            String x = d.user("mail-nosmtp@example.com", "No", "Smtp");
            String xml = d.admin().call("sending-create", "category", "notice", "subject", "Kept", "body-html",
                    "<p>kept</p>", "recipient-id", x);
            assertThat(status(xml)).as(xml).isEqualTo("ok");
            String id = xpath(xml, "/results/sending/@sending-id");
            Thread.sleep(300);
            String list = d.admin().call("sending-list", "filter-state", "queued");
            assertThat(xpath(list, "//sending[@sending-id='" + id + "']/@state")).as(list).isEqualTo("queued");
            assertThat(xpath(list, "//sending[@sending-id='" + id + "']/mail/@attempts")).isEqualTo("0");
            JsonClient j = JsonClient.loggedIn(s, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
            JsonNode one = j.get("/resources/sendings/" + id).body();
            assertThat(one.get("state").asText()).as(one.toString()).isEqualTo("queued");
            assertThat(one.get("mails").get(0).get("recipient").get("address").asText()).isEqualTo("mail-nosmtp@example.com");
            await("the backlog gauge", Duration.ofSeconds(15), () -> s.client()
                    .send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/metrics")).GET()).body()
                    .contains("breezeway_mail_backlog 1.0"));
            assertThat(Arrays.asList(d.admin().call("sending-list").split("<sending ")).size() - 1).isEqualTo(1);
        }
    }
}
