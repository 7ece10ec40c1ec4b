package dev.breezeway.xml.action;

import static dev.breezeway.support.Xml.assertSameInOrder;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.principal.PrincipalRow;
import dev.breezeway.principal.PrincipalType;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestServer;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.XmlWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** principal-list over HTTP, with markup in names, logins, emails and descriptions, equals the JAXB rendering. */
class PrincipalListEscapingHttpTest {
    private static final String FIRST = "Qx<b>&amp;\"Zed\"";
    private static final String LAST = "O'Qx]]> <!--c--> é😀&";
    private static final String LOGIN = "qx&<login>\"@example.com";
    private static final String EMAIL = "\"qx\"&<mail>'@example.com";
    private static final String GROUP = "Qx <group> & \"friends\"";
    private static final String DESCRIPTION = "<script>alert('x')</script> && ]]>";

    private static TestServer server;
    private static BreezeClient admin;
    private static long user;
    private static long group;
    private static long account;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
        String u = admin.call("principal-update", "login", LOGIN, "first-name", FIRST, "last-name", LAST,
                "email", EMAIL, "type", "user", "has-children", "0");
        assertThat(status(u)).as(u).isEqualTo("ok");
        user = Long.parseLong(xpath(u, "/results/principal/@principal-id"));
        String g = admin.call("principal-update", "name", GROUP, "description", DESCRIPTION, "type", "group",
                "has-children", "1");
        assertThat(status(g)).as(g).isEqualTo("ok");
        group = Long.parseLong(xpath(g, "/results/principal/@principal-id"));
        assertThat(status(admin.call("group-membership-update", "group-id", Long.toString(group),
                "principal-id", Long.toString(user), "is-member", "true"))).isEqualTo("ok");
        account = Long.parseLong(xpath(admin.call("principal-info", "principal-id", Long.toString(user)),
                "/results/principal/@account-id"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static PrincipalRow userRow(Optional<Boolean> isMember) {
        return new PrincipalRow(user, account, PrincipalType.USER, Optional.of(LOGIN), FIRST + " " + LAST,
                Optional.of(EMAIL), Optional.empty(), false, false, isMember);
    }

    private static PrincipalRow groupRow(Optional<Boolean> isMember) {
        return new PrincipalRow(group, account, PrincipalType.GROUP, Optional.empty(), GROUP, Optional.empty(),
                Optional.of(DESCRIPTION), false, false, isMember);
    }

    private static String jaxb(List<PrincipalRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new XmlWriter(List.of(PrincipalListJaxb.class)).writeOk(out, Results.ok(PrincipalListJaxb.of(rows)));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void searchedRowsWithMarkupInEveryTextEqualTheJaxbRendering() {
        String xml = admin.call("principal-list", "filter-like-name", "Qx", "sort-principal-id", "asc");

        assertSameInOrder(jaxb(List.of(userRow(Optional.empty()), groupRow(Optional.empty()))), xml);
        assertThat(xpath(xml, "/results/principal-list/principal[1]/name")).isEqualTo(FIRST + " " + LAST);
        assertThat(xpath(xml, "/results/principal-list/principal[1]/login")).isEqualTo(LOGIN);
        assertThat(xpath(xml, "/results/principal-list/principal[1]/email")).isEqualTo(EMAIL);
        assertThat(xpath(xml, "/results/principal-list/principal[2]/description")).isEqualTo(DESCRIPTION);
    }

    @Test
    void membershipRowsEqualTheJaxbRendering() {
        String xml = admin.call("principal-list", "group-id", Long.toString(group), "filter-like-name", "Qx");

        assertSameInOrder(jaxb(List.of(userRow(Optional.of(true)), groupRow(Optional.of(false)))), xml);
    }

    @Test
    void aSearchWithoutMatchesIsTheEmptyJaxbList() {
        String xml = admin.call("principal-list", "filter-like-name", "no such name <&>");

        assertSameInOrder(jaxb(List.of()), xml);
    }
}
