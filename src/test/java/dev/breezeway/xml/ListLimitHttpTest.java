package dev.breezeway.xml;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.config.AppConfig;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestPrincipals;
import dev.breezeway.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmlunit.builder.Input;
import org.xmlunit.xpath.JAXPXPathEngine;

/**
 * Every list action holds its answer to {@code BREEZEWAY_LIST_LIMIT} (3 here): a longer result without
 * {@code filter-rows}, or a larger page, is {@code operation-size-error} with the limit as subcode, and
 * {@code filter-rows}/{@code filter-start} page through it.
 */
class ListLimitHttpTest {
    private static final String TOO_LARGE = "<results><status code=\"operation-size-error\" subcode=\"3\"/></results>";
    private static TestServer server;
    private static BreezeClient admin;
    private static String account;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(AppConfig.LIST_LIMIT, "3"));
        Directory dir = new Directory(server);
        admin = dir.admin();
        account = Long.toString(TestPrincipals.accountId(server));
        String field = admin.call("custom-field-update", "object-type", "object-type-principal",
                "permission-id", "manage", "name", "Colour", "field-type", "text", "is-required", "false",
                "is-primary", "false");
        assertThat(status(field)).as(field).isEqualTo("ok");
        String colour = xpath(field, "/results/field/@field-id");
        for (int i = 1; i <= 4; i++) {
            String id = dir.user("list" + i + "@example.com", "First" + i, "Last" + i);
            ok(admin.call("acl-field-update", "acl-id", id, "field-id", colour, "value", "Blue"));
            ok(admin.call("custom-field-update", "object-type", "object-type-principal", "permission-id", "manage",
                    "name", "Extra " + i, "field-type", "text", "is-required", "false", "is-primary", "false"));
            ok(admin.call("role-create", "name", "list-role-" + i, "description", "d", "permission", "users:read"));
            ok(admin.call("client-create", "name", "List client " + i));
            server.admin();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void ok(String xml) {
        assertThat(status(xml)).as(xml).isEqualTo("ok");
    }

    private static List<String> values(String xml, String xpath) {
        List<String> out = new ArrayList<>();
        new JAXPXPathEngine().selectNodes(xpath, Input.fromString(xml).build()).forEach(n -> out.add(n.getNodeValue()));
        return out;
    }

    /** Pages 0–1 and 2–3 of a list: two rows each, none on both. */
    private static void pagesThroughTwoByTwo(String action, String rowIds, String... params) {
        String first = admin.call(action, withPage(params, "0"));
        String second = admin.call(action, withPage(params, "2"));
        assertThat(values(first, rowIds)).as(first).hasSize(2);
        assertThat(values(second, rowIds)).as(second).hasSize(2).doesNotContainAnyElementsOf(values(first, rowIds));
    }

    private static String[] withPage(String[] params, String start) {
        List<String> all = new ArrayList<>(List.of(params));
        all.addAll(List.of("filter-rows", "2", "filter-start", start));
        return all.toArray(String[]::new);
    }

    @Test
    void principalListLongerThanTheLimitIsOperationSizeError() {
        assertSimilar(TOO_LARGE, admin.call("principal-list"));
    }

    @Test
    void principalListByFieldLongerThanTheLimitIsOperationSizeErrorAndPages() {
        assertSimilar(TOO_LARGE, admin.call("principal-list-by-field", "value", "Blue"));
        pagesThroughTwoByTwo("principal-list-by-field", "/results/principal-list/principal/@principal-id",
                "value", "Blue");
    }

    @Test
    void permissionsInfoLongerThanTheLimitIsOperationSizeError() {
        assertSimilar(TOO_LARGE, admin.call("permissions-info", "acl-id", account));
    }

    @Test
    void permissionsInfoPagesItsPrincipalRowsAndAlwaysShowsThePseudoPrincipals() {
        String page = admin.call("permissions-info", "acl-id", account, "filter-rows", "3");
        assertThat(count(page, "/results/permissions/principal")).as(page).isEqualTo(5);
        assertThat(xpath(page, "/results/permissions/principal[1]/@principal-id")).isEqualTo("logged-in-access");
        assertThat(xpath(page, "/results/permissions/principal[2]/@principal-id")).isEqualTo("public-access");
        pagesThroughTwoByTwo("permissions-info",
                "/results/permissions/principal[not(contains(@principal-id, 'access'))]/@principal-id",
                "acl-id", account);
    }

    @Test
    void permissionsInfoPageLargerThanTheLimitIsOperationSizeError() {
        assertSimilar(TOO_LARGE, admin.call("permissions-info", "acl-id", account, "filter-rows", "4"));
    }

    @Test
    void aclFieldListLongerThanTheLimitIsOperationSizeErrorAndPages() {
        assertSimilar(TOO_LARGE, admin.call("acl-field-list", "field-id", "first-name"));
        pagesThroughTwoByTwo("acl-field-list", "/results/acl-field-list/acl/@acl-id", "field-id", "first-name");
    }

    @Test
    void aclFieldListRefusesAFilterItDoesNotOffer() {
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="filter-like-value" type="string" subcode="no-such-item"/>
                </status></results>""", admin.call("acl-field-list", "field-id", "first-name",
                "filter-like-value", "First"));
    }

    @Test
    void customFieldsLongerThanTheLimitIsOperationSizeErrorAndPages() {
        assertSimilar(TOO_LARGE, admin.call("custom-fields"));
        pagesThroughTwoByTwo("custom-fields", "/results/custom-fields/field/@field-id");
    }

    @Test
    void roleListLongerThanTheLimitIsOperationSizeErrorAndPages() {
        assertSimilar(TOO_LARGE, admin.call("role-list"));
        String page = admin.call("role-list", "filter-rows", "3");
        assertThat(count(page, "/results/role-list/role")).as(page).isEqualTo(3);
        assertThat(xpath(page, "/results/role-list/@list-completed")).isEqualTo("false");
        pagesThroughTwoByTwo("role-list", "/results/role-list/role/@locator");
    }

    @Test
    void sessionListLongerThanTheLimitIsOperationSizeErrorAndPages() {
        assertSimilar(TOO_LARGE, admin.call("session-list"));
        pagesThroughTwoByTwo("session-list", "/results/sessions/session/@session-id");
    }

    @Test
    void clientListLongerThanTheLimitIsOperationSizeErrorAndPages() {
        assertSimilar(TOO_LARGE, admin.call("client-list"));
        pagesThroughTwoByTwo("client-list", "/results/client-list/client/@client-id");
    }

    @Test
    void clientListPageLargerThanTheLimitIsOperationSizeError() {
        assertSimilar(TOO_LARGE, admin.call("client-list", "filter-rows", "4"));
    }
}
