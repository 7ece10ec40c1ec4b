package dev.breezeway.principal;

import static dev.breezeway.support.Xml.assertSameShape;
import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * report-bulk-users: the account's users (guests with {@code filter-type=guest}) as
 * {@code <report-bulk-users><row principal-id><login/><name/><email/><type/></row>…}, through principal-list's
 * filter and sort grammar and its size limit (5 here).
 */
class ReportBulkUsersHttpTest {
    private static TestServer server;
    private static Directory dir;
    private static BreezeClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("BREEZEWAY_LIST_LIMIT", "5"));
        dir = new Directory(server);
        admin = dir.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String guest(String login, String first, String last) {
        String xml = admin.call("principal-update", "type", "guest", "has-children", "0", "login", login,
                "first-name", first, "last-name", last, "email", login);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        return xpath(xml, "/results/principal/@principal-id");
    }

    private static List<String> column(String xml, String path) {
        List<String> out = new ArrayList<>();
        int n = count(xml, "/results/report-bulk-users/row");
        for (int i = 1; i <= n; i++) {
            out.add(xpath(xml, "/results/report-bulk-users/row[" + i + "]/" + path));
        }
        return out;
    }

    @Test
    void aRowHasThePrincipalIdLoginNameEmailAndType() {
        String id = dir.user("ada@shape.example.com", "Ada", "Shape");
        String xml = admin.call("report-bulk-users", "filter-login", "ada@shape.example.com");
        assertSameShape("""
                <results><status code="ok"/>
                  <report-bulk-users>
                    <row principal-id="1"><login>x</login><name>x</name><email>x</email><type>x</type></row>
                  </report-bulk-users></results>""", xml);
        assertThat(xpath(xml, "/results/report-bulk-users/row/@principal-id")).isEqualTo(id);
        assertThat(xpath(xml, "/results/report-bulk-users/row/login")).isEqualTo("ada@shape.example.com");
        assertThat(xpath(xml, "/results/report-bulk-users/row/name")).isEqualTo("Ada Shape");
        assertThat(xpath(xml, "/results/report-bulk-users/row/email")).isEqualTo("ada@shape.example.com");
        assertThat(xpath(xml, "/results/report-bulk-users/row/type")).isEqualTo("user");
    }

    @Test
    void aUserWithoutEmailHasAnEmptyEmail() {
        assertThat(status(admin.call("principal-update", "type", "user", "has-children", "0",
                "login", "noemail.bulk", "first-name", "No", "last-name", "Email"))).isEqualTo("ok");
        String xml = admin.call("report-bulk-users", "filter-login", "noemail.bulk");
        assertThat(count(xml, "/results/report-bulk-users/row/email")).isEqualTo(1);
        assertThat(xpath(xml, "/results/report-bulk-users/row/email")).isEmpty();
    }

    @Test
    void onlyUsersAreListedNotGroupsOrGuests() {
        String user = dir.user("only@users.example.com", "Onlyusers", "Person");
        String group = dir.group("Onlyusers group", "a group");
        guest("only.guest@users.example.com", "Onlyusers", "Guest");
        String xml = admin.call("report-bulk-users", "filter-like-name", "Onlyusers");
        assertThat(column(xml, "@principal-id")).containsExactly(user).doesNotContain(group);
        assertThat(column(xml, "type")).containsOnly("user");
        String builtIns = admin.call("report-bulk-users", "filter-type", "admins");
        assertSimilar("<results><status code=\"ok\"/><report-bulk-users/></results>", builtIns);
    }

    @Test
    void filterTypeGuestListsTheGuests() {
        dir.user("user@guests.example.com", "Guestfilter", "User");
        String guest = guest("guest@guests.example.com", "Guestfilter", "Guest");
        String xml = admin.call("report-bulk-users", "filter-type", "guest", "filter-like-name", "Guestfilter");
        assertThat(column(xml, "@principal-id")).containsExactly(guest);
        assertThat(column(xml, "type")).containsExactly("guest");
    }

    @Test
    void filtersAndSortsFollowThePrincipalListGrammar() {
        dir.user("a@sorted.example.com", "Sortedbulk", "Alpha");
        dir.user("b@sorted.example.com", "Sortedbulk", "Beta");
        dir.user("c@sorted.example.com", "Sortedbulk", "Gamma");
        String xml = admin.call("report-bulk-users", "filter-like-login", "@sorted.example.com",
                "filter-out-login", "b@sorted.example.com", "sort-name", "desc");
        assertThat(column(xml, "name")).containsExactly("Sortedbulk Gamma", "Sortedbulk Alpha");
        String page = admin.call("report-bulk-users", "filter-like-login", "@sorted.example.com",
                "sort-login", "asc", "filter-rows", "1", "filter-start", "1");
        assertThat(column(page, "login")).containsExactly("b@sorted.example.com");
    }

    @Test
    void anUnknownFilterFieldIsInvalidNotAFullList() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="filter-shoe-size" type="string" subcode="no-such-item"/></status></results>""",
                admin.call("report-bulk-users", "filter-shoe-size", "44"));
    }

    @Test
    void noMatchIsOkWithAnEmptyReport() {
        assertSimilar("<results><status code=\"ok\"/><report-bulk-users/></results>",
                admin.call("report-bulk-users", "filter-login", "nobody@nowhere.example.com"));
    }

    @Test
    void moreUsersThanTheListLimitIsAnOperationSizeError() {
        for (int i = 0; i < 6; i++) {
            dir.user("size" + i + "@limit.example.com", "Size", "User" + i);
        }
        assertSimilar("<results><status code=\"operation-size-error\" subcode=\"5\"/></results>",
                admin.call("report-bulk-users"));
        assertThat(count(admin.call("report-bulk-users", "filter-rows", "5", "sort-principal-id", "asc"),
                "/results/report-bulk-users/row")).isEqualTo(5);
        assertSimilar("<results><status code=\"operation-size-error\" subcode=\"5\"/></results>",
                admin.call("report-bulk-users", "filter-rows", "6"));
    }

    @Test
    void aUserWithoutUsersListIsDenied() {
        assertSimilar("<results><status code=\"no-access\" subcode=\"denied\"/></results>",
                dir.plainUser("plain@bulk.example.com").call("report-bulk-users"));
    }
}
