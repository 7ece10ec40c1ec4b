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
import org.xmlunit.builder.Input;
import org.xmlunit.xpath.JAXPXPathEngine;

/** principal-list: the filter and sort grammar, memberships, paging and the size limit. */
class PrincipalListHttpTest {
    private static TestServer server;
    private static Directory dir;
    private static BreezeClient admin;
    private static String ann;
    private static String bob;
    private static String cid;
    private static String staff;
    private static String managers;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("BREEZEWAY_LIST_LIMIT", "25"));
        dir = new Directory(server);
        admin = dir.admin();
        ann = dir.user("ann@example.com", "Ann", "Archer");
        bob = dir.user("bob@example.org", "Bob", "Baker");
        cid = dir.user("cid@example.com", "Cid", "Carter");
        staff = dir.group("Staff", "All staff");
        managers = dir.group("Managers", "Those who manage");
        dir.addMember(staff, ann);
        dir.addMember(staff, bob);
        dir.addMember(staff, managers);
        dir.addMember(managers, cid);
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

    private static List<String> names(String xml) {
        List<String> out = new ArrayList<>();
        new JAXPXPathEngine().selectNodes("/results/principal-list/principal/name", Input.fromString(xml).build())
                .forEach(n -> out.add(n.getTextContent()));
        return out;
    }

    @Test
    void everyAccountHasTheBuiltInGroupsFoundByType() {
        for (String type : List.of("admins", "authors", "course-admins", "event-admins", "learners", "live-admins",
                "seminar-admins", "everyone")) {
            String xml = admin.call("principal-list", "filter-type", type);
            assertThat(count(xml, "/results/principal-list/principal")).as(type).isEqualTo(1);
            assertThat(xpath(xml, "/results/principal-list/principal/@is-primary")).isEqualTo("true");
            assertThat(xpath(xml, "/results/principal-list/principal/@has-children")).isEqualTo("true");
        }
    }

    @Test
    void builtInGroupRowHasTheFixtureShape() {
        assertSameShape("""
                <results><status code="ok"/><principal-list>
                  <principal principal-id="1" account-id="1" type="live-admins" has-children="true" is-primary="true"
                             is-hidden="false" training-group-id="" is-ecommerce="false">
                    <name/><login/><display-uid/><description/>
                  </principal></principal-list></results>""", admin.call("principal-list", "filter-type", "live-admins"));
    }

    @Test
    void userRowHasTheFixtureShape() {
        assertSameShape("""
                <results><status code="ok"/><principal-list>
                  <principal principal-id="1" account-id="1" type="user" has-children="false" is-primary="false"
                             is-hidden="false" training-group-id="" is-ecommerce="false">
                    <name/><login/><email/><display-uid/>
                  </principal></principal-list></results>""", admin.call("principal-list", "filter-login", "ann@example.com"));
    }

    @Test
    void filterTypeGroupReturnsOnlyCreatedGroups() {
        assertThat(ids(admin.call("principal-list", "filter-type", "group"))).containsExactlyInAnyOrder(staff, managers);
    }

    @Test
    void filterValuesMatchCaseInsensitively() {
        assertThat(ids(admin.call("principal-list", "filter-name", "ann archer"))).containsExactly(ann);
        assertThat(ids(admin.call("principal-list", "filter-login", "ANN@EXAMPLE.COM"))).containsExactly(ann);
    }

    @Test
    void filterLikeIsASubstringMatch() {
        assertThat(ids(admin.call("principal-list", "filter-like-name", "ake"))).containsExactly(bob);
        assertThat(ids(admin.call("principal-list", "filter-like-email", "example.com", "filter-type", "user")))
                .contains(ann, cid).doesNotContain(bob);
    }

    @Test
    void likeWildcardsInTheValueAreLiteral() {
        assertThat(ids(admin.call("principal-list", "filter-like-name", "%"))).isEmpty();
        assertThat(ids(admin.call("principal-list", "filter-like-name", "_"))).isEmpty();
    }

    @Test
    void repeatedFiltersOnOneFieldAreOredAndDifferentFieldsAnded() {
        assertThat(ids(admin.call("principal-list", "filter-principal-id", ann, "filter-principal-id", bob)))
                .containsExactlyInAnyOrder(ann, bob);
        assertThat(ids(admin.call("principal-list", "filter-principal-id", ann, "filter-principal-id", bob,
                "filter-like-email", ".org"))).containsExactly(bob);
    }

    @Test
    void filterOutExcludesValuesAndNull() {
        List<String> users = ids(admin.call("principal-list", "filter-type", "user", "filter-out-login", "ann@example.com"));
        assertThat(users).contains(bob, cid).doesNotContain(ann);
        List<String> withEmail = ids(admin.call("principal-list", "filter-out-email", "null"));
        assertThat(withEmail).contains(ann, bob, cid).doesNotContain(staff);
    }

    @Test
    void filterHasChildrenSelectsGroups() {
        List<String> groups = ids(admin.call("principal-list", "filter-has-children", "true"));
        assertThat(groups).contains(staff, managers).doesNotContain(ann);
        assertThat(groups).hasSize(10);
    }

    @Test
    void filterIsPrimaryFalseSkipsBuiltIns() {
        assertThat(ids(admin.call("principal-list", "filter-is-primary", "false", "filter-has-children", "1")))
                .containsExactlyInAnyOrder(staff, managers);
    }

    @Test
    void dateFiltersCompareWithIsoPrefixes() {
        assertThat(ids(admin.call("principal-list", "filter-gte-date-created", "2000", "filter-type", "user")))
                .contains(ann, bob, cid);
        assertThat(ids(admin.call("principal-list", "filter-lt-date-created", "2000-01-01T00:00:00.000+00:00"))).isEmpty();
    }

    @Test
    void sortingByNameBothWaysAndTwoKeys() {
        assertThat(names(admin.call("principal-list", "filter-principal-id", bob, "filter-principal-id", cid,
                "filter-principal-id", ann, "sort-name", "asc")))
                .containsExactly("Ann Archer", "Bob Baker", "Cid Carter");
        assertThat(names(admin.call("principal-list", "filter-principal-id", bob, "filter-principal-id", cid,
                "filter-principal-id", ann, "sort-name", "desc")))
                .containsExactly("Cid Carter", "Bob Baker", "Ann Archer");
        assertThat(names(admin.call("principal-list", "filter-principal-id", ann, "filter-principal-id", staff,
                "filter-principal-id", managers, "sort1-type", "desc", "sort2-name", "asc")))
                .containsExactly("Ann Archer", "Managers", "Staff");
    }

    @Test
    void pagingWithRowsAndZeroBasedStart() {
        List<String> all = ids(admin.call("principal-list", "sort-principal-id", "asc", "filter-rows", "25"));
        List<String> page = ids(admin.call("principal-list", "sort-principal-id", "asc", "filter-rows", "2", "filter-start", "3"));
        assertThat(page).containsExactly(all.get(3), all.get(4));
    }

    @Test
    void membersOfAGroupWithIsMember() {
        String xml = admin.call("principal-list", "group-id", staff, "filter-is-member", "true");
        assertThat(ids(xml)).containsExactlyInAnyOrder(ann, bob, managers);
        assertThat(xpath(xml, "/results/principal-list/principal[1]/is-member")).isEqualTo("true");
        assertThat(ids(admin.call("principal-list", "group-id", staff, "filter-ismember", "true")))
                .containsExactlyInAnyOrder(ann, bob, managers);
    }

    @Test
    void groupIdWithoutFilterMarksEveryRow() {
        String xml = admin.call("principal-list", "group-id", staff, "filter-type", "user");
        assertThat(xpath(xml, "/results/principal-list/principal[@principal-id='" + cid + "']/is-member")).isEqualTo("false");
        assertThat(xpath(xml, "/results/principal-list/principal[@principal-id='" + ann + "']/is-member")).isEqualTo("true");
    }

    @Test
    void nonMembersOfAGroup() {
        assertThat(ids(admin.call("principal-list", "group-id", staff, "filter-is-member", "false", "filter-type", "user")))
                .contains(cid).doesNotContain(ann, bob);
    }

    @Test
    void membershipTestByEmail() {
        assertThat(ids(admin.call("principal-list", "group-id", staff, "filter-email", "bob@example.org",
                "filter-is-member", "true"))).containsExactly(bob);
        assertSimilar("<results><status code=\"ok\"/><principal-list/></results>", admin.call("principal-list",
                "group-id", managers, "filter-email", "bob@example.org", "filter-is-member", "true"));
    }

    @Test
    void groupsAUserBelongsTo() {
        assertThat(ids(admin.call("principal-list", "principal-id", cid, "filter-is-member", "true")))
                .containsExactly(managers);
    }

    @Test
    void emptyResultIsOkWithEmptyList() {
        assertSimilar("<results><status code=\"ok\"/><principal-list/></results>",
                admin.call("principal-list", "filter-login", "nobody@example.com"));
    }

    @Test
    void resultLargerThanTheLimitWithoutRowsIsOperationSizeError() {
        for (int i = 0; i < 20; i++) {
            dir.user("bulk" + i + "@example.net", "Bulk", "User" + i);
        }
        assertSimilar("<results><status code=\"operation-size-error\" subcode=\"25\"/></results>",
                admin.call("principal-list"));
        assertThat(status(admin.call("principal-list", "filter-rows", "25", "sort-principal-id", "asc"))).isEqualTo("ok");
        assertSimilar("<results><status code=\"operation-size-error\" subcode=\"25\"/></results>",
                admin.call("principal-list", "filter-rows", "26"));
    }

    @Test
    void unknownFilterFieldIsInvalidNotAFullList() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="filter-shoe-size" type="string" subcode="no-such-item"/></status></results>""",
                admin.call("principal-list", "filter-shoe-size", "42"));
    }

    @Test
    void badSortDirectionAndUnknownSortFieldAreInvalid() {
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="sort-name" type="string" subcode="format"/>
                  <invalid field="sort-hat" type="string" subcode="no-such-item"/>
                </status></results>""", admin.call("principal-list", "sort-name", "up", "sort-hat", "asc"));
    }

    @Test
    void dateComparisonOnATextFieldIsInvalid() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="filter-gt-name" type="string" subcode="format"/></status></results>""",
                admin.call("principal-list", "filter-gt-name", "a"));
    }

    @Test
    void isMemberWithoutAGroupIsMissingGroupId() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="group-id" type="id" subcode="missing"/></status></results>""",
                admin.call("principal-list", "filter-is-member", "true"));
    }

    @Test
    void plainUsersMayListAndAnonymousMayNot() {
        BreezeClient user = dir.plainUser("lister@example.com");
        assertThat(ids(user.call("principal-list", "filter-login", "ann@example.com"))).containsExactly(ann);
        assertSimilar("<results><status code=\"no-access\" subcode=\"no-login\"/></results>",
                server.client().call("principal-list"));
    }

    @Test
    void deletedPrincipalsAreNotListed() {
        String gone = dir.user("gone@example.com", "Gone", "Soon");
        admin.call("principals-delete", "principal-id", gone);
        assertThat(ids(admin.call("principal-list", "filter-login", "gone@example.com"))).isEmpty();
    }
}
