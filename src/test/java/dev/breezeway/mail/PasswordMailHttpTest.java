package dev.breezeway.mail;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mails that reach a user about its own account, over real sockets to a GreenMail SMTP server: the welcome mail of
 * {@code principal-update&send-email=true} (a single-use link, never the chosen password by default), an
 * administrator's reset sent by mail (the temporary password logs in once), and "forgot password" on both faces
 * (same answer for an unknown login, single-use link, the face's policy).
 */
class PasswordMailHttpTest {
    private static final Pattern TOKEN = Pattern.compile("/password-recovery#token=([A-Za-z0-9_-]+)");
    private static final Pattern TEMPORARY = Pattern.compile("Your temporary password: (\\S+)");
    private static GreenMail smtp;
    private static TestServer server;
    private static Directory dir;
    private static JsonClient json;

    @BeforeAll
    static void start() {
        int port = freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        smtp.start();
        server = TestServer.start(Map.of("BREEZEWAY_SMTP_HOST", "127.0.0.1", "BREEZEWAY_SMTP_PORT",
                Integer.toString(port), "BREEZEWAY_SMTP_FROM", "breezeway@example.com", "BREEZEWAY_MAIL_POLL_MILLIS",
                "50", "BREEZEWAY_PUBLIC_URL", "https://idm.example.com"));
        dir = new Directory(server);
        json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
        smtp.stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MimeMessage> to(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                out.add(m);
            }
        }
        return out;
    }

    private static MimeMessage awaitOne(String address, int n) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (to(address).size() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no mail " + n + " to " + address);
            }
            Thread.sleep(20);
        }
        return to(address).get(n - 1);
    }

    private static String text(MimeMessage m) throws Exception {
        MimeMultipart mp = (MimeMultipart) m.getContent();
        return (String) mp.getBodyPart(0).getContent();
    }

    private static String html(MimeMessage m) throws Exception {
        MimeMultipart mp = (MimeMultipart) m.getContent();
        return (String) mp.getBodyPart(1).getContent();
    }

    private static String group(Pattern p, String s) {
        Matcher m = p.matcher(s);
        assertThat(m.find()).as(s).isTrue();
        return m.group(1);
    }

    private static String login(String login, String password) {
        return server.client().call("login", "login", login, "password", password);
    }

    @Test
    void aUserCreatedWithSendEmailGetsItsLoginAndASingleUseLinkNeverTheChosenPassword() throws Exception {
        String xml = dir.admin().call("principal-update", "login", "welcome-ann@example.com", "first-name", "Ann",
                "last-name", "Welcome", "email", "welcome-ann@example.com", "password", "chosen-by-admin",
                "type", "user", "has-children", "0", "send-email", "true");
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        MimeMessage m = awaitOne("welcome-ann@example.com", 1);
        assertThat(m.getSubject()).startsWith("Your ").endsWith(" account");
        assertThat(m.getHeader("X-Breezeway-Category")[0]).isEqualTo("welcome");
        String text = text(m);
        assertThat(text).contains("Hello Ann,").contains("Your login: welcome-ann@example.com")
                .contains("https://idm.example.com/password-recovery#token=").doesNotContain("chosen-by-admin");
        assertThat(html(m)).contains("href=\"https://idm.example.com/password-recovery#token=")
                .doesNotContain("chosen-by-admin");
        String token = group(TOKEN, text);

        // The link sets a password (the XML face's policy) once; the chosen one stops working.
        assertThat(status(server.client().call("password-recover", "token", token, "password", "my-own-pass")))
                .isEqualTo("ok");
        assertThat(status(login("welcome-ann@example.com", "my-own-pass"))).isEqualTo("ok");
        assertThat(status(login("welcome-ann@example.com", "chosen-by-admin"))).isEqualTo("no-data");
        String again = server.client().call("password-recover", "token", token, "password", "another-pass");
        assertThat(xpath(again, "/results/status/invalid/@field")).as(again).isEqualTo("token");
        assertThat(xpath(again, "/results/status/invalid/@subcode")).isEqualTo("no-such-item");
        // Only the token's hash is kept.
        try (Connection c = server.jdbc();
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM password_recovery WHERE token_hash = ?")) {
            q.setBytes(1, token.getBytes(StandardCharsets.UTF_8));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void anAdministratorsResetSentByMailLogsInOnceAndIsNotInTheReply() throws Exception {
        dir.user("reset-bob@example.com", "Bob", "Reset");
        String uuid = null;
        for (JsonNode p : json.get("/resources/iam/principals?search=reset-bob").body().get("principals")) {
            uuid = p.get("id").asText();
        }
        JsonClient.Reply r = json.post("/resources/iam/principals/" + uuid + "/password/reset", "{\"sendEmail\":true}");
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        assertThat(r.body().has("temporaryPassword")).isFalse();
        assertThat(r.body().get("sent").asBoolean()).isTrue();
        MimeMessage m = awaitOne("reset-bob@example.com", 1);
        assertThat(m.getSubject()).isEqualTo("Password Reset");
        String temporary = group(TEMPORARY, text(m));
        assertThat(status(login("reset-bob@example.com", Directory.USER_PASSWORD))).isEqualTo("no-data");

        // First use: a session that may only change the password. Second use: refused, like a wrong password.
        BreezeClient bob = server.client();
        String first = bob.call("login", "login", "reset-bob@example.com", "password", temporary);
        assertThat(status(first)).as(first).isEqualTo("ok");
        assertThat(status(bob.call("principal-list"))).isNotEqualTo("ok");
        assertThat(status(login("reset-bob@example.com", temporary))).isEqualTo("no-data");

        // The XML mirror mails too and shows no password.
        String xml = dir.admin().call("principal-password-reset", "principal-id",
                xpath(dir.admin().call("principal-list", "filter-login", "reset-bob@example.com"),
                        "//principal/@principal-id"), "send-email", "true");
        assertThat(xpath(xml, "/results/password/@sent")).as(xml).isEqualTo("true");
        assertThat(xpath(xml, "/results/password")).isEmpty();
        assertThat(status(login("reset-bob@example.com", group(TEMPORARY, text(awaitOne("reset-bob@example.com", 2))))))
                .isEqualTo("ok");
    }

    @Test
    void forgotPasswordOnTheJsonFaceAnswersAlikeForAnUnknownLoginAndTheLinkPassesTheJsonPolicy() throws Exception {
        dir.user("forgot-cy@example.com", "Cy", "Forgot");
        JsonClient anyone = new JsonClient(server.baseUrl());
        JsonClient.Reply known = anyone.post("/resources/auth/password/forgot", "{\"login\":\"forgot-cy@example.com\"}");
        JsonClient.Reply unknown = anyone.post("/resources/auth/password/forgot", "{\"login\":\"nobody-at-all\"}");
        assertThat(known.status()).as(known.raw()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.raw()).isEqualTo(known.raw());
        MimeMessage m = awaitOne("forgot-cy@example.com", 1);
        assertThat(m.getHeader("X-Breezeway-Category")[0]).isEqualTo("password_recovery");
        String token = group(TOKEN, text(m));

        JsonClient.Reply weak = anyone.post("/resources/auth/password/recover",
                "{\"token\":" + JsonClient.q(token) + ",\"newPassword\":\"short\"}");
        assertThat(weak.status()).as(weak.raw()).isEqualTo(400);
        JsonClient.Reply ok = anyone.post("/resources/auth/password/recover",
                "{\"token\":" + JsonClient.q(token) + ",\"newPassword\":\"Recovered-Pass-42\"}");
        assertThat(ok.status()).as(ok.raw()).isEqualTo(204);
        assertThat(status(login("forgot-cy@example.com", "Recovered-Pass-42"))).isEqualTo("ok");
        JsonClient.Reply reused = anyone.post("/resources/auth/password/recover",
                "{\"token\":" + JsonClient.q(token) + ",\"newPassword\":\"Recovered-Pass-43\"}");
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.raw()).contains("token");
    }

    @Test
    void forgotPasswordOnTheXmlFaceByEmail() throws Exception {
        dir.user("forgot-di@example.com", "Di", "Forgot");
        BreezeClient anyone = server.client();
        assertThat(status(anyone.call("password-forgot", "email", "forgot-di@example.com"))).isEqualTo("ok");
        assertThat(status(anyone.call("password-forgot", "email", "nobody@example.com"))).isEqualTo("ok");
        String missing = anyone.call("password-forgot");
        assertThat(xpath(missing, "/results/status/invalid/@field")).isEqualTo("login");
        String token = group(TOKEN, text(awaitOne("forgot-di@example.com", 1)));
        assertThat(status(anyone.call("password-recover", "token", token, "password", "di-new-pass"))).isEqualTo("ok");
        assertThat(status(login("forgot-di@example.com", "di-new-pass"))).isEqualTo("ok");
    }

    @Test
    void aRolledBackBatchCreateWithSendEmailSendsNothing() throws Exception {
        BreezeClient admin = dir.admin();
        String body = "<actions mode=\"atomic\">"
                + "<action name=\"principal-update\"><param name=\"login\">welcome-rolled@example.com</param>"
                + "<param name=\"first-name\">Rolled</param><param name=\"last-name\">Back</param>"
                + "<param name=\"email\">welcome-rolled@example.com</param><param name=\"type\">user</param>"
                + "<param name=\"has-children\">0</param><param name=\"send-email\">true</param></action>"
                + "<action name=\"login\"><param name=\"login\">welcome-rolled@example.com</param>"
                + "<param name=\"password\">Wrong-Batch-Pass-1</param></action></actions>";
        String reply = admin.post("session=" + admin.session().orElseThrow(), "text/xml",
                body.getBytes(StandardCharsets.UTF_8)).body();
        assertThat(reply).contains("rolled-back=\"true\"");
        Thread.sleep(500);
        assertThat(to("welcome-rolled@example.com")).isEmpty();
        try (Connection c = server.jdbc();
             PreparedStatement q = c.prepareStatement(
                     "SELECT COUNT(*) FROM mail_outbox WHERE recipient_address = 'welcome-rolled@example.com'");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
