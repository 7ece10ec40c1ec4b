package dev.breezeway.principal;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmlunit.builder.Input;
import org.xmlunit.xpath.JAXPXPathEngine;

/**
 * principal-list pages past the first (filter-start &gt; 0, answered by a deferred join): page after
 * page, in every order, they hold exactly the rows of one big page, and deletions show at once.
 */
class PrincipalListPagingHttpTest {
    private static final int PAGE = 7;
    private static TestServer server;
    private static BreezeClient admin;
    private static String group;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("BREEZEWAY_LIST_LIMIT", "200"));
        admin = server.admin();
        String xml = admin.call("principal-update", "name", "Paging Group", "description", "d", "type", "group",
                "has-children", "1");
        group = xpath(xml, "/results/principal/@principal-id");
        for (int i = 0; i < 40; i++) {
            // Repeated last names make ties, which only the principal id breaks.
            String id = xpath(admin.call("principal-update", "login", "page" + i + "@paging.example", "first-name",
                    "Pager", "last-name", "Name" + (i % 6), "type", "user", "has-children", "0"),
                    "/results/principal/@principal-id");
            if (i % 3 == 0) {
                assertThat(status(admin.call("group-membership-update", "group-id", group, "principal-id", id,
                        "is-member", "true"))).isEqualTo("ok");
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> ids(String... params) {
        String xml = admin.call("principal-list", params);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        List<String> out = new ArrayList<>();
        new JAXPXPathEngine().selectNodes("/results/principal-list/principal/@principal-id", Input.fromString(xml).build())
                .forEach(n -> out.add(n.getNodeValue()));
        return out;
    }

    private static List<String> pageByPage(String... params) {
        List<String> out = new ArrayList<>();
        for (int start = 0; ; start += PAGE) {
            List<String> page = ids(Stream.concat(Arrays.stream(params), Stream.of("filter-rows", String.valueOf(PAGE),
                    "filter-start", String.valueOf(start))).toArray(String[]::new));
            out.addAll(page);
            if (page.size() < PAGE) {
                return out;
            }
        }
    }

    private static List<String> onePage(String... params) {
        return ids(Stream.concat(Arrays.stream(params), Stream.of("filter-rows", "200")).toArray(String[]::new));
    }

    @Test
    void pagesJoinUpToTheWholeListInEveryOrder() {
        List<String[]> orders = List.of(
                new String[] {"sort-principal-id", "asc"},
                new String[] {"sort-principal-id", "desc"},
                new String[] {"sort-name", "asc"},
                new String[] {"sort-name", "desc", "filter-like-name", "pager"},
                new String[] {"group-id", group, "sort-is-member", "desc", "sort-name", "asc"},
                new String[] {"group-id", group, "filter-is-member", "true"});
        for (String[] order : orders) {
            List<String> whole = onePage(order);
            assertThat(whole).as(String.join(" ", order)).hasSizeGreaterThan(PAGE);
            assertThat(pageByPage(order)).as(String.join(" ", order)).isEqualTo(whole);
        }
    }

    @Test
    void aDeletedPrincipalLeavesTheDeepPagesAtOnce() {
        String gone = xpath(admin.call("principal-update", "login", "gone@paging.example", "first-name", "Gone",
                "last-name", "Soon", "type", "user", "has-children", "0"), "/results/principal/@principal-id");
        List<String> before = pageByPage("sort-principal-id", "asc");
        assertThat(before).contains(gone);
        assertThat(status(admin.call("principals-delete", "principal-id", gone))).isEqualTo("ok");
        List<String> after = pageByPage("sort-principal-id", "asc");
        assertThat(after).doesNotContain(gone).hasSize(before.size() - 1);
        assertThat(ids("sort-principal-id", "asc", "filter-rows", "3", "filter-start", String.valueOf(after.size() - 3)))
                .isEqualTo(after.subList(after.size() - 3, after.size()));
    }
}
