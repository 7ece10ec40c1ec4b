package dev.breezeway.xml;

import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import dev.breezeway.support.Xml;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batches of principal-update user creates, which the server writes in bulk: every mode must answer
 * and store exactly what the same creates run one by one would.
 */
class BatchCreateHttpTest {
    private static TestServer server;
    private static BreezeClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String batch(String mode, List<String> actions) {
        return post(mode, actions, "session=" + admin.session().orElseThrow());
    }

    private static String post(String mode, List<String> actions, String query) {
        StringBuilder sb = new StringBuilder("<actions mode=\"" + mode + "\">");
        actions.forEach(sb::append);
        sb.append("</actions>");
        BreezeClient.Reply r = server.client().post(query, "text/xml", sb.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    /** A user create without password, the shape the bench and LMS roster syncs send. */
    private static String create(String login, String first, String last, String email) {
        return "<action name=\"principal-update\"><param name=\"type\">user</param>"
                + "<param name=\"has-children\">0</param><param name=\"login\">" + login + "</param>"
                + "<param name=\"first-name\">" + first + "</param><param name=\"last-name\">" + last + "</param>"
                + "<param name=\"email\">" + email + "</param></action>";
    }

    private static String create(String login) {
        return create(login, "Bulk", "User " + login.substring(0, login.indexOf('@')), login);
    }

    private static List<String> creates(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(create(prefix + i + "@batch.example"));
        }
        return out;
    }

    private static String single(String login, String first, String last, String email) {
        String xml = admin.call("principal-update", "type", "user", "has-children", "0", "login", login,
                "first-name", first, "last-name", last, "email", email);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        return xpath(xml, "/results/principal/@principal-id");
    }

    private static String item(String xml, int i, String path) {
        return xpath(xml, "/results/results-list/results[" + i + "]" + path);
    }

    private static long rows(String sql, String like) {
        try (Connection c = server.jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (like != null) {
                ps.setString(1, like);
            }
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long principalsLike(String loginPattern) {
        return rows("SELECT COUNT(*) FROM principal WHERE login LIKE ?", loginPattern);
    }

    private static long trigramsOfLoginsLike(String loginPattern) {
        return rows("SELECT COUNT(*) FROM principal_ngram n JOIN principal p ON p.principal_id = n.principal_id"
                + " WHERE p.login LIKE ?", loginPattern);
    }

    private static long allRows(String table) {
        try (Connection c = server.jdbc(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same mix of creates under two login prefixes: runs of fresh users (written together), an
     * invalid create, a guest, a login taken in another case, an identical repeat, a taken email.
     */
    private static List<String> mix(String p) {
        List<String> out = new ArrayList<>();
        for (String n : List.of("a", "b", "c", "d", "e")) {
            out.add(create(p + n + "@mix.example", "First" + n, "Last " + n, p + n + "@mix.example"));
        }
        out.add("<action name=\"principal-update\"><param name=\"type\">user</param><param name=\"has-children\">0</param>"
                + "<param name=\"login\">" + p + "x@mix.example</param><param name=\"last-name\">X</param></action>");
        out.add("<action name=\"principal-update\"><param name=\"type\">guest</param><param name=\"has-children\">0</param>"
                + "<param name=\"login\">" + p + "g@mix.example</param><param name=\"first-name\">Gus</param>"
                + "<param name=\"last-name\">Guest</param></action>");
        for (String n : List.of("f", "h", "i", "j")) {
            out.add(create(p + n + "@mix.example", "First" + n, "Last " + n, p + n + "@mix.example"));
        }
        out.add(create(p + "A@MIX.example", "Other", "Person", p + "other@mix.example"));
        out.add(create(p + "b@mix.example", "Firstb", "Last b", p + "b@mix.example"));
        out.add(create(p + "k@mix.example", "Kay", "Dup", p + "c@mix.example"));
        for (String n : List.of("l", "m", "n", "o", "q")) {
            out.add(create(p + n + "@mix.example", "First" + n, "Last " + n, p + n + "@mix.example"));
        }
        return out;
    }

    @Test
    void bulkBatchAnswersWhatTheSameCreatesAnswerOneByOne() {
        String bulk = batch("multiple", mix("bulk-"));
        // A batch that is not all principal-update runs action by action: the reference.
        List<String> reference = new ArrayList<>(mix("each-"));
        reference.add("<action name=\"common-info\"/>");
        String each = batch("multiple", reference);

        int n = mix("").size();
        assertThat(count(bulk, "/results/results-list/results")).isEqualTo(n);
        for (int i = 1; i <= n; i++) {
            Xml.assertSimilar(Xml.element(each, "/results/results-list/results[" + i + "]/status"),
                    Xml.element(bulk, "/results/results-list/results[" + i + "]/status"));
            Xml.assertSameShape(Xml.element(each, "/results/results-list/results[" + i + "]"),
                    Xml.element(bulk, "/results/results-list/results[" + i + "]"));
            assertThat(item(bulk, i, "/principal/name")).isEqualTo(item(each, i, "/principal/name"));
            assertThat(item(bulk, i, "/principal/@type")).isEqualTo(item(each, i, "/principal/@type"));
            assertThat(item(bulk, i, "/principal/login")).isEqualTo(item(each, i, "/principal/login").replace("each-", "bulk-"));
        }
        Xml.assertSimilar(Xml.element(each, "/results/status"), Xml.element(bulk, "/results/status"));
        assertThat(item(bulk, 6, "/status/invalid/@field")).isEqualTo("first-name");
        assertThat(item(bulk, 7, "/principal/@type")).isEqualTo("guest");
        assertThat(item(bulk, 12, "/status/invalid/@field")).isEqualTo("login");
        assertThat(item(bulk, 14, "/status/invalid/@field")).isEqualTo("email");
        // The identical repeat is a duplicate, as a taken login always is.
        assertThat(item(bulk, 13, "/status/invalid/@field")).isEqualTo("login");
        assertThat(item(bulk, 13, "/status/invalid/@subcode")).isEqualTo("duplicate");
        assertThat(count(bulk, "/results/results-list/results[status/@code='ok']")).isEqualTo(n - 4);
        assertThat(principalsLike("bulk-%")).isEqualTo(principalsLike("each-%")).isEqualTo(n - 4);
        assertThat(trigramsOfLoginsLike("bulk-%")).isEqualTo(trigramsOfLoginsLike("each-%")).isPositive();
    }

    @Test
    void multipleFailsOnlyTheDuplicatesWithinTheBatchAndAgainstTheDatabase() {
        single("taken-m@batch.example", "Tak", "En", "taken-m@batch.example");
        List<String> actions = new ArrayList<>(creates("mult-", 6));
        actions.add(2, create("taken-m@batch.example", "Someone", "Else", "else-m@batch.example"));
        actions.add(5, create("mult-1@batch.example", "Not", "Same", "not-same-m@batch.example"));
        actions.add(create("mult-7@batch.example", "Seven", "S", "mult-2@batch.example"));

        String xml = batch("multiple", actions);

        assertThat(count(xml, "/results/results-list/results")).isEqualTo(9);
        assertThat(count(xml, "/results/results-list/results[status/@code='ok']")).isEqualTo(6);
        assertThat(item(xml, 3, "/status/invalid/@field")).isEqualTo("login");
        assertThat(item(xml, 3, "/status/invalid/@subcode")).isEqualTo("duplicate");
        assertThat(item(xml, 6, "/status/invalid/@field")).isEqualTo("login");
        assertThat(item(xml, 9, "/status/invalid/@field")).isEqualTo("email");
        assertThat(status(xml)).isEqualTo("invalid");
        assertThat(xpath(xml, "/results/results-list/@rolled-back")).isEqualTo("false");
        assertThat(principalsLike("mult-%")).isEqualTo(6);
        assertThat(principalsLike("taken-m@%")).isEqualTo(1);
    }

    @Test
    void loginsDifferingOnlyInCaseAreOneLoginInsideABatch() {
        String xml = batch("multiple", List.of(create("Case-1@batch.example", "Upper", "Case", "case-1a@batch.example"),
                create("case-2@batch.example"), create("case-3@batch.example"), create("case-4@batch.example"),
                create("CASE-1@BATCH.EXAMPLE", "Lower", "Case", "case-1b@batch.example")));

        assertThat(item(xml, 5, "/status/invalid/@subcode")).isEqualTo("duplicate");
        assertThat(count(xml, "/results/results-list/results[status/@code='ok']")).isEqualTo(4);
        assertThat(principalsLike("case-%")).isEqualTo(4);
    }

    @Test
    void multipleCompleteStopsAtTheFirstDuplicateAndKeepsEarlierCreates() {
        single("taken-c@batch.example", "Tak", "En", "taken-c@batch.example");
        List<String> actions = new ArrayList<>(creates("comp-", 9));
        actions.add(5, create("taken-c@batch.example", "Someone", "Else", "else-c@batch.example"));

        String xml = batch("multiple-complete", actions);

        assertThat(count(xml, "/results/results-list/results")).isEqualTo(6);
        assertThat(item(xml, 6, "/status/invalid/@subcode")).isEqualTo("duplicate");
        assertThat(status(xml)).isEqualTo("invalid");
        assertThat(principalsLike("comp-%")).isEqualTo(5);
        assertThat(principalsLike("comp-6@%")).isZero();
    }

    @Test
    void multipleCompleteStopsAtADuplicateInsideTheBatch() {
        List<String> actions = new ArrayList<>(creates("compin-", 6));
        actions.add(3, create("compin-2@batch.example", "Not", "Same", "compin-x@batch.example"));

        String xml = batch("multiple-complete", actions);

        assertThat(count(xml, "/results/results-list/results")).isEqualTo(4);
        assertThat(item(xml, 4, "/status/invalid/@field")).isEqualTo("login");
        assertThat(principalsLike("compin-%")).isEqualTo(3);
    }

    @Test
    void multipleCompleteStopsAtAnInvalidCreate() {
        List<String> actions = new ArrayList<>(creates("compinv-", 6));
        actions.add(4, create("compinv-x@batch.example", "Bad", "Email", "not-an-email"));

        String xml = batch("multiple-complete", actions);

        assertThat(count(xml, "/results/results-list/results")).isEqualTo(5);
        assertThat(item(xml, 5, "/status/invalid/@subcode")).isEqualTo("format");
        assertThat(principalsLike("compinv-%")).isEqualTo(4);
    }

    @Test
    void allOrNothingBatchWithADuplicateLeavesNoPrincipalsAndNoTrigrams() {
        single("taken-t@batch.example", "Tak", "En", "taken-t@batch.example");
        long principals = allRows("principal");
        long trigrams = allRows("principal_ngram");
        List<String> actions = new ArrayList<>(creates("tx-", 8));
        actions.add(6, create("taken-t@batch.example", "Someone", "Else", "else-t@batch.example"));

        String xml = batch("transaction", actions);

        assertThat(status(xml)).isEqualTo("invalid");
        assertThat(xpath(xml, "/results/results-list/@rolled-back")).isEqualTo("true");
        assertThat(count(xml, "/results/results-list/results")).isEqualTo(7);
        assertThat(item(xml, 7, "/status/invalid/@subcode")).isEqualTo("duplicate");
        assertThat(allRows("principal")).isEqualTo(principals);
        assertThat(allRows("principal_ngram")).isEqualTo(trigrams);
        assertThat(principalsLike("tx-%")).isZero();
    }

    @Test
    void allOrNothingBatchWithADuplicateInsideItLeavesNothing() {
        long principals = allRows("principal");
        long trigrams = allRows("principal_ngram");
        List<String> actions = new ArrayList<>(creates("txin-", 6));
        actions.add(create("txin-7@batch.example", "Seven", "S", "txin-1@batch.example"));

        String xml = batch("", actions);

        assertThat(xpath(xml, "/results/results-list/@rolled-back")).isEqualTo("true");
        assertThat(item(xml, 7, "/status/invalid/@field")).isEqualTo("email");
        assertThat(allRows("principal")).isEqualTo(principals);
        assertThat(allRows("principal_ngram")).isEqualTo(trigrams);
    }

    @Test
    void rolledBackBulkBatchReportsNoPrincipalItUndid() {
        List<String> actions = new ArrayList<>(creates("undo-", 4));
        actions.add(create("undo-5@batch.example", "Five", "F", "not-an-email"));

        String xml = batch("transaction", actions);

        assertThat(xpath(xml, "/results/results-list/@rolled-back")).isEqualTo("true");
        assertThat(count(xml, "/results/results-list/results[status/@code='ok']")).as(xml).isEqualTo(4);
        assertThat(count(xml, "/results/results-list/results/*[name() != 'status']")).isZero();
        assertThat(count(admin.call("principal-list", "filter-like-login", "undo-"),
                "/results/principal-list/principal")).isZero();
        assertThat(principalsLike("undo-%")).isZero();
    }

    @Test
    void bulkCreatesCarryingSeveralSessionsRunEachAsItsOwnCaller() {
        Directory dir = new Directory(server);
        String other = dir.admin().session().orElseThrow();
        String mine = admin.session().orElseThrow();
        String plain = dir.plainUser("plain.bulk@example.com").session().orElseThrow();
        List<String> actions = List.of(as(other, create("sess-1@batch.example")), create("sess-2@batch.example"),
                as(other, create("sess-3@batch.example")), as(plain, create("sess-4@batch.example")),
                as(mine, create("sess-5@batch.example")), as(other, create("sess-6@batch.example")));

        String xml = batch("multiple", actions);

        assertThat(count(xml, "/results/results-list/results")).as(xml).isEqualTo(6);
        for (int i : new int[] {1, 2, 3, 5, 6}) {
            assertThat(item(xml, i, "/status/@code")).as(xml).isEqualTo("ok");
            assertThat(item(xml, i, "/principal/login")).isEqualTo("sess-" + i + "@batch.example");
        }
        assertThat(item(xml, 4, "/status/@subcode")).isEqualTo("denied");
        assertThat(principalsLike("sess-%")).isEqualTo(5);
    }

    /** {@code action} with its own {@code <param name="session">}. */
    private static String as(String token, String action) {
        return action.replace("</action>", "<param name=\"session\">" + token + "</param></action>");
    }

    @Test
    void allOrNothingBatchOfCleanCreatesCommitsThemAll() {
        String xml = batch("", creates("txok-", 12));

        assertThat(status(xml)).isEqualTo("ok");
        assertThat(xpath(xml, "/results/results-list/@rolled-back")).isEqualTo("false");
        assertThat(count(xml, "/results/results-list/results[status/@code='ok']/principal")).isEqualTo(12);
        assertThat(principalsLike("txok-%")).isEqualTo(12);
    }

    @Test
    void retriedBatchCreatesNothingTwiceAndAnswersDuplicateForEveryUser() {
        List<String> actions = creates("retry-", 10);
        batch("multiple", actions);
        long principals = allRows("principal");
        long trigrams = allRows("principal_ngram");

        String again = batch("multiple", actions);

        // A taken login is duplicate, always (client checklist point 12), also when the batch repeats itself.
        for (int i = 1; i <= 10; i++) {
            assertThat(item(again, i, "/status/invalid/@field")).isEqualTo("login");
            assertThat(item(again, i, "/status/invalid/@subcode")).isEqualTo("duplicate");
        }
        assertThat(allRows("principal")).isEqualTo(principals);
        assertThat(allRows("principal_ngram")).isEqualTo(trigrams);
        assertThat(principalsLike("retry-%")).isEqualTo(10);
    }

    @Test
    void retriedBatchWithOneChangedUserIsDuplicateForEveryUser() {
        List<String> actions = new ArrayList<>(creates("retryx-", 8));
        batch("multiple", actions);
        actions.set(4, create("retryx-5@batch.example", "Changed", "Name", "retryx-5@batch.example"));

        String again = batch("multiple", actions);

        assertThat(count(again, "/results/results-list/results[status/@code='ok']")).isZero();
        assertThat(item(again, 5, "/status/invalid/@subcode")).isEqualTo("duplicate");
        assertThat(principalsLike("retryx-%")).isEqualTo(8);
    }

    @Test
    void namesCreatedInABatchAreFoundByFilterLikeName() {
        List<String> actions = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            actions.add(create("zyx-" + i + "@batch.example", "Zyxquorin", "Vaszek" + i, "zyx-" + i + "@batch.example"));
        }
        batch("multiple", actions);

        String xml = admin.call("principal-list", "filter-like-name", "XQUOR");

        assertThat(count(xml, "/results/principal-list/principal")).isEqualTo(5);
        assertThat(count(admin.call("principal-list", "filter-like-name", "aszek3"),
                "/results/principal-list/principal")).isEqualTo(1);
    }

    @Test
    void thousandCreatesAreOneBatch() {
        String xml = batch("multiple", creates("k-", 1000));

        assertThat(status(xml)).isEqualTo("ok");
        assertThat(count(xml, "/results/results-list/results[status/@code='ok']/principal")).isEqualTo(1000);
        assertThat(principalsLike("k-%")).isEqualTo(1000);
        assertThat(count(admin.call("principal-list", "filter-like-name", "User k-1000"),
                "/results/principal-list/principal")).isEqualTo(1);
    }

    @Test
    void moreThanThousandActionsAreRefusedAndNothingIsCreated() {
        String xml = batch("multiple", creates("over-", 1001));

        Xml.assertSimilar("""
                <results><status code="invalid">
                  <invalid field="actions" type="long" subcode="range" min="1" max="1000"/>
                </status></results>""", xml);
        assertThat(principalsLike("over-%")).isZero();
    }

    @Test
    void batchOfCreatesWithoutSessionFailsEachWithNoLogin() {
        String xml = post("multiple", creates("anon-", 3), "");

        assertThat(count(xml, "/results/results-list/results[status/@subcode='no-login']")).isEqualTo(3);
        assertThat(principalsLike("anon-%")).isZero();
    }

    /**
     * More concurrent batches than there are bulk writers (BREEZEWAY_BULK_WRITERS defaults to the
     * cores): they queue for a slot, and overlapping batches, as retries of a lost answer send, still
     * create every user exactly once and answer each repeated create with the existing user.
     */
    @Test
    void concurrentOverlappingBatchesQueueForWritersCreateEachUserOnceAndAnswerDuplicateForTheRest() throws Exception {
        int clients = 12;
        List<java.util.concurrent.Future<String>> replies = new ArrayList<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            for (int c = 0; c < clients; c++) {
                List<String> actions = creates("queue" + (c % 3) + "-", 150);  // three distinct batches, four times each
                replies.add(pool.submit(() -> batch("multiple", actions)));
            }
            int ok = 0;
            for (var reply : replies) {
                String xml = reply.get(120, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(count(xml, "/results/results-list/results")).isEqualTo(150);
                int okHere = count(xml, "/results/results-list/results/status[@code='ok']");
                assertThat(count(xml, "/results/results-list/results/status/invalid[@subcode='duplicate']"))
                        .as(xml).isEqualTo(150 - okHere);
                ok += okHere;
            }
            // Each user is created by exactly one of the four batches that name it; the others are told duplicate.
            assertThat(ok).isEqualTo(450);
        } finally {
            pool.shutdownNow();
        }
        assertThat(principalsLike("queue%-%@batch.example")).isEqualTo(450);
        for (int b = 0; b < 3; b++) {
            assertThat(principalsLike("queue" + b + "-%@batch.example")).isEqualTo(150);
        }
        assertThat(rows("SELECT COUNT(DISTINCT p.principal_id) FROM principal p JOIN principal_ngram n"
                + " ON n.principal_id = p.principal_id WHERE p.login LIKE ?", "queue%-%@batch.example")).isEqualTo(450);
    }
}
