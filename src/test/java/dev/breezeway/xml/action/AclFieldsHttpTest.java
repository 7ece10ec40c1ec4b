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
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** acl-field-info, acl-field-list, acl-field-update and the custom fields of principal-info over HTTP. */
class AclFieldsHttpTest {
    private static final String DENIED = "<results><status code=\"no-access\" subcode=\"denied\"/></results>";
    private static final String NO_LOGIN = "<results><status code=\"no-access\" subcode=\"no-login\"/></results>";
    private static TestServer server;
    private static BreezeClient admin;
    private static BreezeClient user;
    private static String userId;
    private static String otherId;
    private static String accountId;
    private String country;
    private String badge;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
        userId = Long.toString(TestPrincipals.user(server, "ada@example.com", "Ada", "Lovelace"));
        otherId = Long.toString(TestPrincipals.user(server, "bob@example.com", "Bob", "Babbage"));
        accountId = Long.toString(TestPrincipals.accountId(server));
        user = server.client();
        user.login("ada@example.com", TestPrincipals.USER_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void twoPrincipalFields() {
        TestPrincipals.exec(server, "DELETE FROM custom_field");
        country = field("Country", "object-type-principal", "2");
        badge = field("Badge", "object-type-read-only", "1");
    }

    private static String field(String name, String objectType, String displaySeq) {
        String body = admin.call("custom-field-update", "object-type", objectType, "permission-id", "manage",
                "name", name, "field-type", "text", "is-required", "false", "is-primary", "false",
                "display-seq", displaySeq);
        return xpath(body, "/results/field/@field-id");
    }

    private static long storedValues() {
        return TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM acl_field_value");
    }

    private static String ok() {
        return "<results><status code=\"ok\"/></results>";
    }

    @Test
    void updateWritesEveryTrioInOrderAndInfoListsStandardThenCustomFields() {
        assertSimilar(ok(), admin.call("acl-field-update",
                "acl-id", userId, "field-id", country, "value", "France",
                "acl-id", userId, "field-id", "x-" + badge, "value", "B-17",
                "acl-id", userId, "field-id", country, "value", "Belgium"));

        assertSimilar("""
                <results><status code="ok"/><acl-fields>
                  <field acl-id="%1$s" field-id="first-name"><value>Ada</value></field>
                  <field acl-id="%1$s" field-id="last-name"><value>Lovelace</value></field>
                  <field acl-id="%1$s" field-id="email"><value>ada@example.com</value></field>
                  <field acl-id="%1$s" field-id="login"><value>ada@example.com</value></field>
                  <field acl-id="%1$s" field-id="%2$s"><value>B-17</value></field>
                  <field acl-id="%1$s" field-id="%3$s"><value>Belgium</value></field>
                </acl-fields></results>""".formatted(userId, badge, country),
                admin.call("acl-field-info", "acl-id", userId));
        assertThat(storedValues()).isEqualTo(2);
    }

    @Test
    void infoFilteredByFieldIdKeepsOnlyThoseFields() {
        admin.call("acl-field-update", "acl-id", userId, "field-id", country, "value", "Belgium");
        String body = admin.call("acl-field-info", "acl-id", userId, "filter-field-id", "FIRST-NAME",
                "filter-field-id", "x-" + country);
        assertThat(count(body, "//field")).isEqualTo(2);
        assertThat(xpath(body, "//field[1]/@field-id")).isEqualTo("first-name");
        assertThat(xpath(body, "//field[2]/value")).isEqualTo("Belgium");
    }

    @Test
    void infoOfTheAccountGivesItsCompany() {
        String body = admin.call("acl-field-info", "acl-id", accountId);
        assertSimilar("""
                <results><status code="ok"/><acl-fields>
                  <field acl-id="%s" field-id="account-company"><value>Breezeway</value></field>
                </acl-fields></results>""".formatted(accountId), body);
    }

    @Test
    void infoOfAnUnknownObjectIsNoDataAndWithoutAclIdIsMissing() {
        assertSimilar("<results><status code=\"no-data\"/></results>",
                admin.call("acl-field-info", "acl-id", "987654321"));
        assertSimilar("""
                <results><status code="invalid"><invalid field="acl-id" type="id" subcode="missing"/></status></results>""",
                admin.call("acl-field-info"));
    }

    @Test
    void repeatingAnUpdateLeavesOneValue() {
        for (int i = 0; i < 3; i++) {
            assertThat(status(admin.call("acl-field-update", "acl-id", userId, "field-id", country, "value", "Chile")))
                    .isEqualTo("ok");
        }
        assertThat(storedValues()).isEqualTo(1);
        assertThat(xpath(admin.call("acl-field-list", "field-id", country), "//acl/value")).isEqualTo("Chile");
    }

    @Test
    void emptyValueRemovesTheValue() {
        admin.call("acl-field-update", "acl-id", userId, "field-id", country, "value", "Chile");
        assertSimilar(ok(), admin.call("acl-field-update", "acl-id", userId, "field-id", country, "value", ""));
        assertThat(storedValues()).isZero();
    }

    @Test
    void unknownObjectOrFieldIsNoSuchItemAndNothingIsWritten() {
        String body = admin.call("acl-field-update",
                "acl-id", userId, "field-id", country, "value", "Peru",
                "acl-id", "987654321", "field-id", country, "value", "Peru",
                "acl-id", userId, "field-id", "900099999", "value", "Peru",
                "acl-id", userId, "field-id", "first-name", "value", "Eve");
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="acl-id" type="id" subcode="no-such-item"/>
                  <invalid field="field-id" type="id" subcode="no-such-item"/>
                  <invalid field="field-id" type="id" subcode="no-such-item"/>
                </status></results>""", body);
        assertThat(storedValues()).isZero();
    }

    @Test
    void fieldsOfOtherObjectTypesDoNotApplyToPrincipalsNorAnyFieldToTheAccount() {
        String meeting = field("Room", "object-type-meeting", "1");
        String expected = """
                <results><status code="invalid">
                  <invalid field="field-id" type="id" subcode="no-such-item"/>
                </status></results>""";
        assertSimilar(expected, admin.call("acl-field-update", "acl-id", userId, "field-id", meeting, "value", "A"));
        assertSimilar(expected, admin.call("acl-field-update", "acl-id", accountId, "field-id", country, "value", "A"));
        assertThat(storedValues()).isZero();
    }

    @Test
    void incompleteOrMalformedTriosAreInvalid() {
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="acl-id" type="id" subcode="format"/>
                  <invalid field="value" type="string" subcode="missing"/>
                </status></results>""",
                admin.call("acl-field-update", "acl-id", "abc", "field-id", country, "value", "A",
                        "acl-id", userId, "field-id", country));
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="acl-id" type="id" subcode="missing"/>
                  <invalid field="field-id" type="id" subcode="missing"/>
                  <invalid field="value" type="string" subcode="missing"/>
                </status></results>""", admin.call("acl-field-update"));
        assertThat(storedValues()).isZero();
    }

    @Test
    void tooLongValueIsRange() {
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="value" type="string" subcode="range" min="0" max="4000"/>
                </status></results>""",
                admin.call("acl-field-update", "acl-id", userId, "field-id", country, "value", "v".repeat(4001)));
    }

    @Test
    void triosPostedAsAParamsDocumentAreApplied() {
        String xml = """
                <params><param name="action">acl-field-update</param>
                  <param name="acl-id">%1$s</param><param name="field-id">%2$s</param><param name="value">Ghana</param>
                  <param name="acl-id">%3$s</param><param name="field-id">%2$s</param><param name="value">Kenya</param>
                </params>""".formatted(userId, country, otherId);
        BreezeClient.Reply r = admin.post("session=" + admin.session().orElseThrow(), "text/xml",
                xml.getBytes(StandardCharsets.UTF_8));
        assertSimilar(ok(), r.body());
        String list = admin.call("acl-field-list", "field-id", "x-" + country);
        assertSimilar("""
                <results><status code="ok"/><acl-field-list>
                  <acl acl-id="%s"><value>Ghana</value></acl>
                  <acl acl-id="%s"><value>Kenya</value></acl>
                </acl-field-list></results>""".formatted(userId, otherId), list);
    }

    @Test
    void listOfAStandardFieldGivesEveryPrincipalWithAValue() {
        String body = admin.call("acl-field-list", "field-id", "first-name");
        assertThat(xpath(body, "//acl[@acl-id='" + userId + "']/value")).isEqualTo("Ada");
        assertThat(xpath(body, "//acl[@acl-id='" + otherId + "']/value")).isEqualTo("Bob");
        assertThat(count(body, "//acl")).isEqualTo(3); // the administrator, Ada and Bob; groups have no first name
    }

    @Test
    void listOfAnUnknownFieldIsNoSuchItemAndWithoutFieldIdMissing() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="field-id" type="string" subcode="no-such-item"/></status></results>""",
                admin.call("acl-field-list", "field-id", "shoe-size"));
        assertSimilar("""
                <results><status code="invalid"><invalid field="field-id" type="string" subcode="no-such-item"/></status></results>""",
                admin.call("acl-field-list", "field-id", "900099999"));
        assertSimilar("""
                <results><status code="invalid"><invalid field="field-id" type="string" subcode="missing"/></status></results>""",
                admin.call("acl-field-list"));
    }

    @Test
    void principalInfoEndsThePrincipalWithTheCustomFieldValues() {
        admin.call("acl-field-update", "acl-id", userId, "field-id", country, "value", "Belgium",
                "acl-id", userId, "field-id", badge, "value", "B-17");
        String body = admin.call("principal-info", "principal-id", userId);
        assertThat(xpath(body, "/results/principal/x-" + country)).isEqualTo("Belgium");
        assertThat(xpath(body, "/results/principal/x-" + badge)).isEqualTo("B-17");
        // display order: the badge (display-seq 1) before the country (2), both after the standard elements
        assertThat(xpath(body, "name(/results/principal/*[last()])")).isEqualTo("x-" + country);
        assertThat(xpath(body, "name(/results/principal/*[last() - 1])")).isEqualTo("x-" + badge);
        assertThat(xpath(body, "name(/results/principal/*[last() - 2])")).isEqualTo("dont-show-login-notif");
        // no namespace declaration sneaks in with the DOM elements
        assertThat(body).contains("<x-" + country + ">Belgium</x-" + country + ">").doesNotContain("xmlns");
    }

    @Test
    void principalInfoWithCustomFieldHasTheDocumentedShape() {
        admin.call("acl-field-update", "acl-id", userId, "field-id", country, "value", "Belgium");
        String body = admin.call("principal-info", "principal-id", userId);
        // the principal-info reference (API section 5.7) with the x-FIELDID element, values replaced
        assertSameShape("""
                <results><status code="ok"/>
                  <contact><email/><first-name/><last-name/></contact>
                  <preferences acl-id="1" lang="en" time-zone-id="4"/>
                  <principal account-id="1" disabled="" has-children="false" is-hidden="false"
                             is-primary="false" principal-id="1" type="user" is-ecommerce="false" tos-status="">
                    <ext-login/><login/><name/><email/><first-name/><last-name/>
                    <account-expiry-login-notif/><dont-show-login-notif/>
                    <x-%s>v</x-%s>
                  </principal></results>""".formatted(country, country), body);
    }

    @Test
    void anonymousCallersMustLogIn() {
        BreezeClient anonymous = server.client();
        assertSimilar(NO_LOGIN, anonymous.call("acl-field-info", "acl-id", userId));
        assertSimilar(NO_LOGIN, anonymous.call("acl-field-list", "field-id", "first-name"));
        assertSimilar(NO_LOGIN, anonymous.call("acl-field-update", "acl-id", userId, "field-id", country, "value", "A"));
    }

    @Test
    void aPlainUserReadsOnlyTheirOwnFieldsAndCannotWrite() {
        admin.call("acl-field-update", "acl-id", userId, "field-id", country, "value", "Belgium",
                "acl-id", otherId, "field-id", country, "value", "Kenya");

        assertThat(xpath(user.call("acl-field-info", "acl-id", userId), "//field[@field-id='" + country + "']/value"))
                .isEqualTo("Belgium");
        assertSimilar(DENIED, user.call("acl-field-info", "acl-id", otherId));
        assertSimilar(DENIED, user.call("acl-field-info", "acl-id", accountId));
        assertSimilar("""
                <results><status code="ok"/><acl-field-list>
                  <acl acl-id="%s"><value>Belgium</value></acl>
                </acl-field-list></results>""".formatted(userId), user.call("acl-field-list", "field-id", country));
        assertSimilar(DENIED, user.call("acl-field-update", "acl-id", userId, "field-id", country, "value", "Peru"));
        assertThat(xpath(admin.call("acl-field-list", "field-id", country), "//acl[@acl-id='" + userId + "']/value"))
                .isEqualTo("Belgium");
    }
}
