package dev.breezeway.xml.action;

import static dev.breezeway.support.Xml.assertSameInOrder;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.principal.PrincipalRow;
import dev.breezeway.principal.PrincipalType;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.XmlWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The streamed {@code <principal-list>} against the JAXB binding it replaced, through the one XmlWriter. */
class PrincipalListBodyTest {
    private static final String HOSTILE = "<b>&amp; \"quoted\" 'single' ]]> a&b <!-- x --> \r\n\ttab é 😀 ";
    private static final XmlWriter WRITER = new XmlWriter(List.of(PrincipalListJaxb.class));

    private static PrincipalRow user(long id, String login, String name, Optional<String> email,
                                     Optional<Boolean> isMember) {
        return new PrincipalRow(id, 7, PrincipalType.USER, Optional.of(login), name, email, Optional.empty(),
                false, false, isMember);
    }

    private static PrincipalRow group(long id, PrincipalType type, String name, Optional<String> description,
                                      boolean primary, Optional<Boolean> isMember) {
        return new PrincipalRow(id, 7, type, Optional.empty(), name, Optional.of("ignored@example.com"), description,
                primary, true, isMember);
    }

    private static String streamed(List<PrincipalRow> rows) {
        return write(Results.ok(PrincipalXmls.list(rows)));
    }

    private static String jaxb(List<PrincipalRow> rows) {
        return write(Results.ok(PrincipalListJaxb.of(rows)));
    }

    private static String write(Results r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WRITER.writeOk(out, r);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The bytes of a 5,000-row page with hostile text, as the writer produced them before it wrote through a buffered
     * character stream (issue 23: big pages faster, the same bytes); the hash was taken from that earlier writer.
     */
    @Test
    void aBigPageKeepsItsExactBytes() throws Exception {
        List<PrincipalRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            rows.add(i % 7 == 0
                    ? group(2000000 + i, PrincipalType.GROUP, HOSTILE + i, Optional.of(HOSTILE), i % 2 == 0,
                            Optional.of(i % 3 == 0))
                    : user(2000000 + i, "user" + i + "@bench.example", "Zoë Łukasz " + i + (i % 5 == 0 ? HOSTILE : ""),
                            i % 4 == 0 ? Optional.empty() : Optional.of("user" + i + "@bench.example"),
                            Optional.of(i % 3 == 0)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WRITER.writeOk(out, Results.ok(PrincipalXmls.list(rows)));
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
        assertThat(java.util.HexFormat.of().formatHex(hash)).as("%d bytes", out.size()).isEqualTo("b86b26408b3d40a9154bcbe8e8b918e9d7a7674db2fde31d3191998ea1bc12e6");
    }

    @Test
    void hostileNamesLoginsAndEmailsAreEscapedAsJaxbEscapedThem() {
        List<PrincipalRow> rows = List.of(
                user(1000004, "a&b<c>@example.com", HOSTILE, Optional.of("\"q\"&<x>@example.com"), Optional.empty()),
                user(1000005, "]]>@example.com", "Zoë O'Brien-Łukasz", Optional.empty(), Optional.empty()),
                group(1000006, PrincipalType.GROUP, HOSTILE, Optional.of(HOSTILE), false, Optional.empty()));

        String streamed = streamed(rows);

        assertSameInOrder(jaxb(rows), streamed);
        assertThat(xpath(streamed, "/results/principal-list/principal[1]/name")).isEqualTo(HOSTILE.replace("\r\n", "\n"));
        assertThat(xpath(streamed, "/results/principal-list/principal[1]/login")).isEqualTo("a&b<c>@example.com");
        assertThat(xpath(streamed, "/results/principal-list/principal[1]/email")).isEqualTo("\"q\"&<x>@example.com");
        assertThat(xpath(streamed, "/results/principal-list/principal[2]/display-uid")).isEqualTo("]]>@example.com");
    }

    @Test
    void groupsUsersWithoutEmailAndMembershipColumnsKeepJaxbsElementsAndOrder() {
        List<PrincipalRow> rows = List.of(
                group(1000000, PrincipalType.ADMINS, "Administrators", Optional.empty(), true, Optional.of(true)),
                group(1000001, PrincipalType.GROUP, "Staff", Optional.of(""), false, Optional.of(false)),
                user(1000002, "ann@example.com", "Ann Archer", Optional.of("ann@example.com"), Optional.of(true)),
                user(1000003, "bob@example.org", "Bob Baker", Optional.empty(), Optional.of(false)));

        assertSameInOrder(jaxb(rows), streamed(rows));
    }

    @Test
    void emptyListIsAnEmptyPrincipalListElementAsBefore() {
        String streamed = streamed(List.of());

        assertSameInOrder(jaxb(List.of()), streamed);
        assertThat(xpath(streamed, "count(/results/principal-list)")).isEqualTo("1");
    }
}
