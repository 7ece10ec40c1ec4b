package dev.breezeway.principal;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmlunit.builder.Input;
import org.xmlunit.xpath.JAXPXPathEngine;

/** principal-list-by-field: custom field values, exact and case-insensitive, standard fields not searched. */
class PrincipalListByFieldHttpTest {
    private static TestServer server;
    private static BreezeClient admin;
    private static String ann;
    private static String bob;
    private static String dept;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        Directory dir = new Directory(server);
        admin = dir.admin();
        ann = dir.user("ann@example.com", "Ann", "Archer");
        bob = dir.user("bob@example.com", "Bob", "Baker");
        String field = admin.call("custom-field-update", "object-type", "object-type-principal", "permission-id", "manage",
                "name", "Department", "field-type", "text", "is-required", "false", "is-primary", "false");
        assertThat(status(field)).as(field).isEqualTo("ok");
        dept = xpath(field, "/results/field/@field-id");
        assertThat(status(admin.call("acl-field-update", "acl-id", ann, "field-id", dept, "value", "Sales Team",
                "acl-id", bob, "field-id", dept, "value", "t*"))).isEqualTo("ok");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> ids(String xml) {
        List<String> out = new ArrayList<>();
        new JAXPXPathEngine().selectNodes("/results/principal-list/principal/@principal-id", Input.fromString(xml).build())
                .forEach(n -> out.add(n.getNodeValue()));
        return out;
    }

    @Test
    void findsPrincipalsByCustomValueIgnoringCaseWithSpaces() {
        assertThat(ids(admin.call("principal-list-by-field", "value", "sales team"))).containsExactly(ann);
    }

    @Test
    void asteriskIsLiteral() {
        assertThat(ids(admin.call("principal-list-by-field", "value", "t*"))).containsExactly(bob);
        assertThat(ids(admin.call("principal-list-by-field", "value", "Sal*"))).isEmpty();
    }

    @Test
    void standardFieldsAreNotSearched() {
        assertSimilar("<results><status code=\"ok\"/><principal-list/></results>",
                admin.call("principal-list-by-field", "value", "Ann Archer"));
    }

    @Test
    void filtersAndFieldIdNarrowTheResult() {
        assertThat(ids(admin.call("principal-list-by-field", "value", "Sales Team", "field-id", "x-" + dept))).containsExactly(ann);
        assertThat(ids(admin.call("principal-list-by-field", "value", "Sales Team", "filter-type", "group"))).isEmpty();
    }

    @Test
    void valueIsRequired() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="value" type="string" subcode="missing"/></status></results>""",
                admin.call("principal-list-by-field"));
    }

    @Test
    void deletingAPrincipalDeletesItsCustomValues() throws Exception {
        String cid = new Directory(server).user("cid@example.com", "Cid", "Carter");
        admin.call("acl-field-update", "acl-id", cid, "field-id", dept, "value", "Doomed");
        admin.call("principals-delete", "principal-id", cid);
        try (var s = server.jdbc().createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM acl_field_value WHERE acl_id = " + Long.parseLong(cid))) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
