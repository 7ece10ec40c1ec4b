package dev.breezeway.principal;

import static dev.breezeway.support.Xml.assertSameShape;
import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** principal-update: creating and updating users and groups, with every documented refusal. */
class PrincipalUpdateHttpTest {
    private static TestServer server;
    private static Directory dir;
    private static BreezeClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        dir = new Directory(server);
        admin = dir.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int count(String where) throws Exception {
        try (Statement s = server.jdbc().createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM principal WHERE " + where)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void createUserAnswersThePrincipalWithLoginExtLoginAndName() {
        String xml = admin.call("principal-update", "first-name", "Ada", "last-name", "Lovelace", "login", "ada@example.com",
                "password", "Analytical-Engine-1843", "type", "user", "has-children", "0", "email", "ada@example.com");
        assertSameShape("""
                <results><status code="ok"/>
                  <principal has-children="0" type="user" account-id="7" principal-id="26243">
                    <ext-login>x</ext-login><name>x</name><login>x</login>
                  </principal></results>""", xml);
        assertThat(xpath(xml, "/results/principal/name")).isEqualTo("Ada Lovelace");
        assertThat(xpath(xml, "/results/principal/@has-children")).isEqualTo("0");
        BreezeClient ada = server.client();
        ada.login("ada@example.com", "Analytical-Engine-1843");
    }

    @Test
    void createGroupAnswersDescriptionNameAndLoginAndEchoesHasChildren() {
        String xml = admin.call("principal-update", "has-children", "true", "name", "Conformance group",
                "description", "conformance+group", "type", "group");
        assertSameShape("""
                <results><status code="ok"/>
                  <principal type="group" has-children="1" account-id="7" principal-id="26243">
                    <description>x</description><name>x</name><login>x</login>
                  </principal></results>""", xml);
        assertThat(xpath(xml, "/results/principal/@has-children")).isEqualTo("true");
        assertThat(xpath(xml, "/results/principal/login")).isEqualTo("Conformance group");
    }

    @Test
    void hasChildrenAloneDecidesTheTypeWhenTypeIsMissing() {
        String xml = admin.call("principal-update", "has-children", "1", "name", "Typeless group");
        assertThat(xpath(xml, "/results/principal/@type")).isEqualTo("group");
    }

    @Test
    void missingHasChildrenOnCreateIsInvalidMissing() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="has-children" type="long" subcode="missing"/></status></results>""",
                admin.call("principal-update", "login", "h@example.com", "first-name", "H", "last-name", "C", "type", "user"));
    }

    @Test
    void everyMissingUserFieldIsReportedAtOnce() throws Exception {
        String xml = admin.call("principal-update", "type", "user", "has-children", "0");
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="login" type="string" subcode="missing"/>
                  <invalid field="first-name" type="string" subcode="missing"/>
                  <invalid field="last-name" type="string" subcode="missing"/>
                </status></results>""", xml);
    }

    @Test
    void tooLongLoginAndFirstNameAreRangeErrorsWithBounds() {
        String xml = admin.call("principal-update", "type", "user", "has-children", "0", "login", "l".repeat(61),
                "first-name", "f".repeat(255), "last-name", "x");
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="login" type="string" subcode="range" min="1" max="60"/>
                  <invalid field="first-name" type="string" subcode="range" min="1" max="254"/>
                </status></results>""", xml);
    }

    @Test
    void emptyLoginIsOutOfRangeAndMissingAndEmptyNamesAreOutOfRange() throws Exception {
        String xml = admin.call("principal-update", "type", "user", "has-children", "0", "login", "",
                "first-name", "", "last-name", " ");
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="login" type="string" subcode="range" min="1" max="60"/>
                  <invalid field="login" type="string" subcode="missing"/>
                  <invalid field="first-name" type="string" subcode="range" min="1" max="254"/>
                  <invalid field="last-name" type="string" subcode="range" min="1" max="254"/>
                </status></results>""", xml);
        assertThat(count("login = ''")).isZero();
    }

    @Test
    void emptyGroupNameIsStillMissing() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="name" type="string" subcode="missing"/></status></results>""",
                admin.call("principal-update", "type", "group", "has-children", "1", "name", ""));
    }

    @Test
    void secondPrincipalWithSameLoginIsDuplicateAndNotStored() throws Exception {
        admin.call("principal-update", "login", "dup@example.com", "first-name", "Ada", "last-name", "L",
                "password", "Correct-horse-9", "type", "user", "has-children", "0");
        String xml = admin.call("principal-update", "login", "DUP@example.com", "first-name", "Other",
                "last-name", "L", "password", "Correct-horse-9", "type", "user", "has-children", "0");
        assertSimilar("""
                <results><status code="invalid"><invalid field="login" type="string" subcode="duplicate"/></status></results>""", xml);
        assertThat(count("login = 'dup@example.com'")).isEqualTo(1);
    }

    @Test
    void repeatingTheSameCreateWithoutPasswordIsDuplicate() throws Exception {
        String[] create = {"login", "retry@example.com", "first-name", "Re", "last-name", "Try",
                "type", "user", "has-children", "0"};
        admin.call("principal-update", create);
        assertSimilar("""
                <results><status code="invalid"><invalid field="login" type="string" subcode="duplicate"/></status></results>""",
                admin.call("principal-update", create));
        assertThat(count("login = 'retry@example.com'")).isEqualTo(1);
    }

    @Test
    void repeatingACreateWithAPasswordIsDuplicateWhetherThePasswordIsRightOrNot() throws Exception {
        String[] create = {"login", "retry.pw@example.com", "first-name", "Re", "last-name", "Try", "password",
                "Correct-horse-9", "type", "user", "has-children", "0"};
        admin.call("principal-update", create);
        String same = admin.call("principal-update", create);
        create[7] = "Other-horse-10";
        String other = admin.call("principal-update", create);
        String duplicate = "<results><status code=\"invalid\"><invalid field=\"login\" type=\"string\" subcode=\"duplicate\"/>"
                + "</status></results>";
        assertSimilar(duplicate, same);
        assertSimilar(duplicate, other);
        assertThat(count("login = 'retry.pw@example.com'")).isEqualTo(1);
    }

    @Test
    void duplicateGroupNameIsDuplicateOnLoginAsAdobeAnswers() throws Exception {
        dir.group("Twins", "first");
        assertSimilar("""
                <results><status code="invalid"><invalid field="login" type="string" subcode="duplicate"/></status></results>""",
                admin.call("principal-update", "name", "twins", "description", "second", "type", "group", "has-children", "1"));
        assertThat(count("group_name = 'Twins'")).isEqualTo(1);
    }

    @Test
    void duplicateEmailIsDuplicateOnEmail() {
        dir.user("mail1@example.com", "M", "One");
        assertSimilar("""
                <results><status code="invalid"><invalid field="email" type="string" subcode="duplicate"/></status></results>""",
                admin.call("principal-update", "login", "mail2@example.com", "email", "mail1@example.com",
                        "first-name", "M", "last-name", "Two", "type", "user", "has-children", "0"));
    }

    @Test
    void builtInTypesCannotBeCreated() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="type" type="string" subcode="illegal-operation"/></status></results>""",
                admin.call("principal-update", "name", "More admins", "type", "admins", "has-children", "1"));
    }

    @Test
    void unknownTypeIsFormat() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="type" type="string" subcode="format"/></status></results>""",
                admin.call("principal-update", "name", "X", "type", "wizard", "has-children", "1"));
    }

    @Test
    void aPasswordTheXmlPolicyRefusesIsRefusedAndNothingIsStored() throws Exception {
        String xml = admin.call("principal-update", "login", "weak@example.com", "first-name", "W", "last-name", "P",
                "password", "Ab1", "type", "user", "has-children", "0");
        assertSimilar("""
                <results><status code="invalid"><invalid field="password" type="string" subcode="range" min="4" max="32"/></status></results>""", xml);
        assertThat(count("login = 'weak@example.com'")).isZero();
    }

    @Test
    void badEmailIsFormat() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="email" type="string" subcode="format"/></status></results>""",
                admin.call("principal-update", "login", "bademail", "first-name", "B", "last-name", "E", "email", "not an email",
                        "type", "user", "has-children", "0"));
    }

    @Test
    void sendEmailWithoutEmailIsMissingEmail() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="email" type="string" subcode="missing"/></status></results>""",
                admin.call("principal-update", "login", "noemail", "first-name", "N", "last-name", "E", "send-email", "true",
                        "type", "user", "has-children", "false"));
    }

    @Test
    void updateAnswersBareOkAndChangesTheFields() {
        String id = dir.user("upd@example.com", "Old", "Name");
        assertSimilar("<results><status code=\"ok\"/></results>", admin.call("principal-update", "principal-id", id,
                "first-name", "New", "login", "upd2@example.com", "has-children", "0"));
        String info = admin.call("principal-info", "principal-id", id);
        assertThat(xpath(info, "/results/principal/name")).isEqualTo("New Name");
        assertThat(xpath(info, "/results/principal/login")).isEqualTo("upd2@example.com");
    }

    @Test
    void updatingAGroupRenamesItAndItsLogin() {
        String id = dir.group("Before", "d");
        admin.call("principal-update", "principal-id", id, "name", "After", "description", "changed");
        String info = admin.call("principal-info", "principal-id", id);
        assertThat(xpath(info, "/results/principal/login")).isEqualTo("After");
        assertThat(xpath(info, "/results/principal/description")).isEqualTo("changed");
    }

    @Test
    void updateToATakenLoginIsDuplicate() {
        dir.user("taken@example.com", "T", "A");
        String id = dir.user("free@example.com", "F", "R");
        assertSimilar("""
                <results><status code="invalid"><invalid field="login" type="string" subcode="duplicate"/></status></results>""",
                admin.call("principal-update", "principal-id", id, "login", "taken@example.com"));
    }

    @Test
    void updateOfUnknownPrincipalIsNoSuchItem() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="principal-id" type="id" subcode="no-such-item"/></status></results>""",
                admin.call("principal-update", "principal-id", "99999999", "first-name", "X"));
    }

    @Test
    void plainUserIsDeniedAndAnonymousIsNoLogin() {
        BreezeClient user = dir.plainUser("plain-upd@example.com");
        assertSimilar("<results><status code=\"no-access\" subcode=\"denied\"/></results>",
                user.call("principal-update", "name", "G", "type", "group", "has-children", "1"));
        assertSimilar("<results><status code=\"no-access\" subcode=\"no-login\"/></results>",
                server.client().call("principal-update", "name", "G", "type", "group", "has-children", "1"));
    }
}
