package dev.breezeway.xml.action;

import static dev.breezeway.support.Xml.assertSameShape;
import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestPrincipals;
import dev.breezeway.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** permissions-info, permissions-update and permissions-reset over HTTP on a real MariaDB. */
class PermissionsHttpTest {
    private static final String OK = "<results><status code=\"ok\"/></results>";
    private static final String NO_DATA = "<results><status code=\"no-data\"/></results>";
    private static TestServer server;
    private static BreezeClient admin;
    private static BreezeClient user;
    private static String ada;
    private static String bob;
    private static String team;
    private static String accountId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
        ada = Long.toString(TestPrincipals.user(server, "ada@example.com", "Ada", "Lovelace"));
        bob = Long.toString(TestPrincipals.user(server, "bob@example.com", "Bob", "Babbage"));
        team = Long.toString(TestPrincipals.group(server, "Team", "The team"));
        accountId = Long.toString(TestPrincipals.accountId(server));
        user = server.client();
        user.login("ada@example.com", TestPrincipals.USER_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void noPermissions() {
        TestPrincipals.exec(server, "DELETE FROM acl_permission");
    }

    private static long stored() {
        return TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM acl_permission");
    }

    private static String storedPermission(String aclId, String principalKey) {
        long n = TestPrincipals.queryLong(server,
                "SELECT COUNT(*) FROM acl_permission WHERE acl_id = ? AND principal_key = ?", aclId, principalKey);
        if (n == 0) {
            return "";
        }
        return xpath(admin.call("permissions-info", "acl-id", aclId, "principal-id", principalKey),
                "/results/permission/@permission-id");
    }

    @Test
    void updateSetsAPermissionThatTheSingleFormReturns() {
        assertSimilar(OK, admin.call("permissions-update", "acl-id", team, "principal-id", ada, "permission-id", "host"));
        assertSimilar("""
                <results><status code="ok"/>
                  <permission acl-id="%s" permission-id="host" principal-id="%s"/>
                </results>""".formatted(team, ada),
                admin.call("permissions-info", "acl-id", team, "principal-id", ada));
    }

    @Test
    void singleFormHasTheShapeOfTheFixtures() {
        admin.call("permissions-update", "acl-id", accountId, "principal-id", ada, "permission-id", "manage");
        String body = admin.call("permissions-info", "acl-id", accountId, "principal-id", ada);
        // brunogasparetto-AdobeConnectClient/permissions-info-principal.xml and
        // RevolutionPrep-kokopelli/permissions_info_1036115664_1035814880.xml, values replaced
        assertSameShape("""
                <?xml version="1.0" encoding="utf-8"?>
                <results>
                    <status code="ok"/>
                    <permission acl-id="1" permission-id="v" principal-id="2"/>
                </results>""", body);
    }

    @Test
    void singleFormWithoutExplicitPermissionOrForAnUnknownObjectIsNoData() {
        assertSimilar(NO_DATA, admin.call("permissions-info", "acl-id", team, "principal-id", bob));
        assertSimilar(NO_DATA, admin.call("permissions-info", "acl-id", team, "principal-id", "public-access"));
        assertSimilar(NO_DATA, admin.call("permissions-info", "acl-id", "987654321", "principal-id", bob));
    }

    @Test
    void settingTheSamePermissionTwiceLeavesOneEntryAndAChangeReplacesIt() {
        for (int i = 0; i < 2; i++) {
            assertSimilar(OK, admin.call("permissions-update", "acl-id", team, "principal-id", ada, "permission-id", "view"));
        }
        assertThat(stored()).isEqualTo(1);
        admin.call("permissions-update", "acl-id", team, "principal-id", ada, "permission-id", "publish");
        assertThat(stored()).isEqualTo(1);
        assertThat(storedPermission(team, ada)).isEqualTo("publish");
    }

    @Test
    void triosApplyInOrderAndInvalidOnesAreSkipped() {
        String body = admin.call("permissions-update",
                "acl-id", team, "principal-id", ada, "permission-id", "view",
                "acl-id", "987654321", "principal-id", ada, "permission-id", "view",
                "acl-id", team, "principal-id", "987654321", "permission-id", "view",
                "acl-id", team, "principal-id", bob, "permission-id", "owner",
                "acl-id", "abc", "principal-id", bob, "permission-id", "view",
                "acl-id", accountId, "principal-id", bob, "permission-id", "DENIED",
                "acl-id", team, "principal-id", ada, "permission-id", "manage");
        assertSimilar(OK, body);
        assertThat(stored()).isEqualTo(2);
        assertThat(storedPermission(team, ada)).isEqualTo("manage");
        assertThat(storedPermission(accountId, bob)).isEqualTo("denied");
    }

    @Test
    void anIncompleteLastTrioIsSkipped() {
        assertSimilar(OK, admin.call("permissions-update", "acl-id", team, "principal-id", ada, "permission-id", "view",
                "acl-id", team, "principal-id", bob));
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void updateWithoutAnyTrioIsMissing() {
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="acl-id" type="id" subcode="missing"/>
                  <invalid field="principal-id" type="id" subcode="missing"/>
                  <invalid field="permission-id" type="enum" subcode="missing"/>
                </status></results>""", admin.call("permissions-update"));
    }

    @Test
    void removeDeletesTheEntry() {
        admin.call("permissions-update", "acl-id", team, "principal-id", ada, "permission-id", "view");
        assertSimilar(OK, admin.call("permissions-update", "acl-id", team, "principal-id", ada, "permission-id", "remove"));
        assertThat(stored()).isZero();
        assertSimilar(OK, admin.call("permissions-update", "acl-id", team, "principal-id", ada, "permission-id", "remove"));
        assertThat(stored()).isZero();
    }

    @Test
    void pseudoPrincipalsHoldPermissionsAndAlwaysOpenTheList() {
        admin.call("permissions-update", "acl-id", team, "principal-id", "public-access", "permission-id", "view-hidden",
                "acl-id", team, "principal-id", bob, "permission-id", "host");
        assertSimilar("""
                <results><status code="ok"/>
                  <permission acl-id="%s" permission-id="view-hidden" principal-id="public-access"/>
                </results>""".formatted(team),
                admin.call("permissions-info", "acl-id", team, "principal-id", "public-access"));

        String list = admin.call("permissions-info", "acl-id", team, "filter-permission-id", "host", "sort-name", "desc",
                "filter-rows", "1");
        assertThat(count(list, "/results/permissions/principal")).isEqualTo(3);
        assertThat(xpath(list, "//principal[1]/@principal-id")).isEqualTo("logged-in-access");
        assertThat(xpath(list, "//principal[1]/@permission-id")).isEmpty();
        assertThat(xpath(list, "//principal[2]/@principal-id")).isEqualTo("public-access");
        assertThat(xpath(list, "//principal[2]/@permission-id")).isEqualTo("view-hidden");
        assertThat(xpath(list, "//principal[3]/@principal-id")).isEqualTo(bob);
        assertThat(xpath(list, "//principal[3]/@permission-id")).isEqualTo("host");
    }

    @Test
    void listHasEveryPrincipalOfTheAccountWithEmptyPermissionWhenNone() {
        admin.call("permissions-update", "acl-id", accountId, "principal-id", ada, "permission-id", "manage");
        String body = admin.call("permissions-info", "acl-id", accountId);
        long principals = TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal WHERE deleted_at IS NULL");
        assertThat(count(body, "/results/permissions/principal")).isEqualTo(principals + 2);
        assertThat(xpath(body, "//principal[@principal-id='" + ada + "']/@permission-id")).isEqualTo("manage");
        assertThat(xpath(body, "//principal[@principal-id='" + ada + "']/name")).isEqualTo("Ada Lovelace");
        assertThat(xpath(body, "//principal[@principal-id='" + ada + "']/login")).isEqualTo("ada@example.com");
        assertThat(xpath(body, "//principal[@principal-id='" + bob + "']/@permission-id")).isEmpty();
        assertThat(xpath(body, "//principal[@principal-id='" + team + "']/description")).isEqualTo("The team");
        assertThat(xpath(body, "//principal[@principal-id='" + team + "']/@has-children")).isEqualTo("true");
        assertThat(count(body, "//principal[@principal-id='" + ada + "']/description")).isZero();
    }

    @Test
    void listHasTheShapeOfTheFixture() {
        String everyone = xpath(admin.call("permissions-info", "acl-id", accountId, "filter-type", "everyone"),
                "//principal[3]/@principal-id");
        admin.call("permissions-update", "acl-id", team, "principal-id", "public-access", "permission-id", "publish");
        String body = admin.call("permissions-info", "acl-id", team, "filter-principal-id", everyone);
        // DmitryStroganov-AdobeConnectSDK/permissions-info.xml: its pseudo-principals and one built-in group, values replaced
        assertSameShape("""
                <?xml version="1.0" encoding="utf-8"?>
                <results>
                  <status code="ok"/>
                  <permissions>
                    <principal principal-id="a" is-primary="false" type="user" has-children="false" permission-id="" training-group-id="">
                      <name>n</name>
                      <login/>
                      <display-uid/>
                    </principal>
                    <principal principal-id="b" is-primary="false" type="user" has-children="false" permission-id="p" training-group-id="">
                      <name>n</name>
                      <login>l</login>
                      <display-uid>d</display-uid>
                    </principal>
                    <principal principal-id="1" is-primary="true" type="everyone" has-children="true" permission-id="" training-group-id="">
                      <name>n</name>
                      <login>l</login>
                      <display-uid>d</display-uid>
                      <description>d</description>
                    </principal>
                  </permissions>
                </results>""", body);
        assertThat(xpath(body, "//principal[3]/@type")).isEqualTo("everyone");
    }

    @Test
    void listFiltersOrWithinAFieldAndAcrossFieldsAnd() {
        String ored = admin.call("permissions-info", "acl-id", team, "filter-principal-id", ada,
                "filter-principal-id", bob, "filter-principal-id", team);
        assertThat(count(ored, "//principal")).isEqualTo(5);
        String anded = admin.call("permissions-info", "acl-id", team, "filter-principal-id", ada,
                "filter-principal-id", bob, "filter-principal-id", team, "filter-type", "USER",
                "filter-like-name", "lovel");
        assertThat(count(anded, "//principal")).isEqualTo(3);
        assertThat(xpath(anded, "//principal[3]/@principal-id")).isEqualTo(ada);
        String groups = admin.call("permissions-info", "acl-id", team, "filter-has-children", "true",
                "filter-is-primary", "false");
        assertThat(count(groups, "//principal")).isEqualTo(3);
        assertThat(xpath(groups, "//principal[3]/login")).isEqualTo("Team");
    }

    @Test
    void listSortsOnLoginDescending() {
        String body = admin.call("permissions-info", "acl-id", team, "filter-type", "user",
                "filter-out-login", "carol@example.com", "sort-login", "desc");
        assertThat(xpath(body, "//principal[3]/login")).isEqualTo("bob@example.com");
        assertThat(xpath(body, "//principal[4]/login")).isEqualTo(TestServer.ADMIN_LOGIN);
        assertThat(xpath(body, "//principal[5]/login")).isEqualTo("ada@example.com");
    }

    @Test
    void listOfAnUnknownObjectIsNoDataAndBadParametersAreInvalid() {
        assertSimilar(NO_DATA, admin.call("permissions-info", "acl-id", "987654321"));
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="acl-id" type="id" subcode="missing"/>
                  <invalid field="filter-shoe-size" type="string" subcode="no-such-item"/>
                </status></results>""", admin.call("permissions-info", "filter-shoe-size", "42"));
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="principal-id" type="id" subcode="format"/>
                </status></results>""", admin.call("permissions-info", "acl-id", team, "principal-id", "everybody"));
    }

    @Test
    void resetRemovesEveryExplicitPermissionOnTheObjectOnly() {
        admin.call("permissions-update", "acl-id", team, "principal-id", ada, "permission-id", "view",
                "acl-id", team, "principal-id", "public-access", "permission-id", "denied",
                "acl-id", accountId, "principal-id", bob, "permission-id", "manage");
        String body = admin.call("permissions-reset", "acl-id", team);
        // DmitryStroganov-AdobeConnectSDK/permissions-reset.xml
        assertSameShape("""
                <?xml version="1.0" encoding="utf-8" ?>
                <results>
                  <status code="ok" />
                </results>""", body);
        assertThat(stored()).isEqualTo(1);
        assertThat(storedPermission(accountId, bob)).isEqualTo("manage");
        assertSimilar(OK, admin.call("permissions-reset", "acl-id", team));
    }

    @Test
    void resetOfAnUnknownObjectIsNoSuchItem() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="acl-id" type="id" subcode="no-such-item"/></status></results>""",
                admin.call("permissions-reset", "acl-id", "987654321"));
        assertSimilar("""
                <results><status code="invalid"><invalid field="acl-id" type="id" subcode="missing"/></status></results>""",
                admin.call("permissions-reset"));
    }

    @Test
    void updateReplyHasTheShapeOfTheFixture() {
        String body = admin.call("permissions-update", "acl-id", team, "principal-id", ada, "permission-id", "host");
        // RevolutionPrep-kokopelli/permissions_update_1036115664_1035814880.xml
        assertSameShape("""
                <?xml version="1.0" encoding="utf-8"?>
                <results>
                <status code="ok"/>
                </results>""", body);
    }

    @Test
    void anonymousCallersMustLogIn() {
        String noLogin = "<results><status code=\"no-access\" subcode=\"no-login\"/></results>";
        BreezeClient anonymous = server.client();
        assertSimilar(noLogin, anonymous.call("permissions-info", "acl-id", team));
        assertSimilar(noLogin, anonymous.call("permissions-update", "acl-id", team, "principal-id", ada,
                "permission-id", "view"));
        assertSimilar(noLogin, anonymous.call("permissions-reset", "acl-id", team));
        assertThat(stored()).isZero();
    }

    @Test
    void plainUsersAreDenied() {
        admin.call("permissions-update", "acl-id", team, "principal-id", ada, "permission-id", "view");
        String denied = "<results><status code=\"no-access\" subcode=\"denied\"/></results>";
        assertSimilar(denied, user.call("permissions-info", "acl-id", team));
        assertSimilar(denied, user.call("permissions-info", "acl-id", team, "principal-id", ada));
        assertSimilar(denied, user.call("permissions-update", "acl-id", team, "principal-id", ada,
                "permission-id", "manage"));
        assertSimilar(denied, user.call("permissions-reset", "acl-id", team));
        assertThat(storedPermission(team, ada)).isEqualTo("view");
    }

    @Test
    void aDeletedPrincipalHoldsNoPermission() {
        String carol = Long.toString(TestPrincipals.user(server, "carol@example.com", "Carol", "Shaw"));
        admin.call("permissions-update", "acl-id", team, "principal-id", carol, "permission-id", "view");
        TestPrincipals.exec(server, "UPDATE principal SET deleted_at = CURRENT_TIMESTAMP(6) WHERE principal_id = " + carol);
        assertSimilar(NO_DATA, admin.call("permissions-info", "acl-id", team, "principal-id", carol));
        assertThat(count(admin.call("permissions-info", "acl-id", team), "//principal[@principal-id='" + carol + "']"))
                .isZero();
        assertSimilar(OK, admin.call("permissions-update", "acl-id", carol, "principal-id", ada, "permission-id", "view"));
        assertThat(status(admin.call("permissions-info", "acl-id", carol))).isEqualTo("no-data");
    }
}
