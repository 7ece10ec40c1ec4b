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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** custom-fields, custom-field-update and custom-fields-delete over HTTP on a real MariaDB. */
class CustomFieldsHttpTest {
    private static final String PRINCIPAL = "object-type-principal";
    private static TestServer server;
    private static BreezeClient admin;
    private static BreezeClient user;
    private static long userId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
        userId = TestPrincipals.user(server, "plain@example.com", "Plain", "User");
        user = server.client();
        user.login("plain@example.com", TestPrincipals.USER_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void noFields() {
        TestPrincipals.exec(server, "DELETE FROM custom_field");
    }

    /** Creates a text field that is neither required nor primary unless {@code overrides} say otherwise. */
    private static String create(String name, String objectType, String... overrides) {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("object-type", objectType);
        kv.put("permission-id", "manage");
        kv.put("name", name);
        kv.put("field-type", "text");
        kv.put("is-required", "false");
        kv.put("is-primary", "false");
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            kv.put(overrides[i], overrides[i + 1]);
        }
        String body = admin.call("custom-field-update", kv.entrySet().stream()
                .flatMap(e -> Stream.of(e.getKey(), e.getValue())).toArray(String[]::new));
        assertThat(status(body)).as(body).isEqualTo("ok");
        return xpath(body, "/results/field/@field-id");
    }

    private static long storedFields() {
        return TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM custom_field");
    }

    @Test
    void createRepliesWithTheFieldAndAnIdOutsideThePrincipalAndAccountRange() {
        String body = admin.call("custom-field-update", "object-type", PRINCIPAL, "permission-id", "manage",
                "name", "Country", "field-type", "textarea", "is-required", "true", "is-primary", "false",
                "comments", "Where they live", "display-seq", "9");
        String id = xpath(body, "/results/field/@field-id");
        assertSimilar("""
                <results><status code="ok"/>
                  <field account-id="%d" display-seq="9" field-id="%s" field-type="textarea" is-primary="false"
                         is-required="true" object-type="object-type-principal" permission-id="manage">
                    <comments>Where they live</comments><name>Country</name>
                  </field></results>""".formatted(TestPrincipals.accountId(server), id), body);
        assertThat(Long.parseLong(id)).isGreaterThanOrEqualTo(900_000_000L);
    }

    @Test
    void createReplyHasTheShapeOfTheSaveFixture() {
        String body = admin.call("custom-field-update", "object-type", PRINCIPAL, "permission-id", "manage",
                "name", "Phone", "field-type", "text", "is-required", "false", "is-primary", "true");
        // zachpendleton-adobe_connect/acl_field_save_success.xml, values replaced
        assertSameShape("""
                <?xml version="1.0" encoding="utf-8"?>
                <results>
                  <status code="ok"/>
                  <field account-id="1" is-primary="true" is-required="false" field-id="1" object-type="x" display-seq="1" field-type="text" permission-id="manage">
                    <name>n</name>
                  </field>
                </results>""", body);
    }

    @Test
    void updateChangesTheFieldAndRepliesWithTheShapeOfTheUpdateFixture() {
        String id = create("Phone", PRINCIPAL);
        String body = admin.call("custom-field-update", "field-id", id, "object-type", PRINCIPAL, "name", "Phone 2",
                "display-seq", "12", "is-primary", "true");
        // zachpendleton-adobe_connect/acl_field_update_success.xml, values replaced
        assertSameShape("""
                <?xml version="1.0" encoding="utf-8"?>
                <results>
                  <status code="ok"/>
                  <field display-seq="1" account-id="1" is-primary="true" is-required="false" field-id="1" object-type="x" field-type="text" permission-id="manage">
                    <name>n</name>
                  </field>
                </results>""", body);
        assertThat(xpath(body, "/results/field/name")).isEqualTo("Phone 2");
        assertThat(xpath(body, "/results/field/@display-seq")).isEqualTo("12");
        assertThat(xpath(body, "/results/field/@is-primary")).isEqualTo("true");
        assertThat(xpath(admin.call("custom-fields", "filter-field-id", id), "//field/name")).isEqualTo("Phone 2");
    }

    @Test
    void displaySeqDefaultsToAfterTheLastFieldOfTheSameObjectType() {
        create("A", PRINCIPAL, "display-seq", "5");
        String second = create("B", PRINCIPAL);
        String body = admin.call("custom-fields", "filter-field-id", second);
        assertThat(xpath(body, "//field/@display-seq")).isEqualTo("6");
    }

    @Test
    void createWithoutRequiredParametersListsEachMissingOneAndStoresNothing() {
        String body = admin.call("custom-field-update", "name", "Lonely");
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="object-type" type="enum" subcode="missing"/>
                  <invalid field="permission-id" type="enum" subcode="missing"/>
                  <invalid field="field-type" type="enum" subcode="missing"/>
                  <invalid field="is-required" type="boolean" subcode="missing"/>
                  <invalid field="is-primary" type="boolean" subcode="missing"/>
                </status></results>""", body);
        assertThat(storedFields()).isZero();
    }

    @Test
    void unknownObjectTypeFieldTypeAndPermissionAreFormatErrors() {
        String body = admin.call("custom-field-update", "object-type", "object-type-banana", "permission-id", "view",
                "name", "X", "field-type", "checkbox", "is-required", "maybe", "is-primary", "0");
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="object-type" type="enum" subcode="format"/>
                  <invalid field="permission-id" type="enum" subcode="format"/>
                  <invalid field="field-type" type="enum" subcode="format"/>
                  <invalid field="is-required" type="boolean" subcode="format"/>
                </status></results>""", body);
        assertThat(storedFields()).isZero();
    }

    @Test
    void anotherAccountIdIsNoSuchItem() {
        String body = admin.call("custom-field-update", "object-type", PRINCIPAL, "permission-id", "manage",
                "name", "X", "field-type", "text", "is-required", "0", "is-primary", "0", "account-id", "999");
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="account-id" type="id" subcode="no-such-item"/>
                </status></results>""", body);
        assertThat(storedFields()).isZero();
    }

    @Test
    void ninthFieldOfAnObjectTypeIsLimitReachedAndNotStored() {
        for (int i = 1; i <= 8; i++) {
            create("Field " + i, PRINCIPAL);
        }
        String body = admin.call("custom-field-update", "object-type", PRINCIPAL, "permission-id", "manage",
                "name", "Field 9", "field-type", "text", "is-required", "0", "is-primary", "0");
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="field-id" type="id" subcode="limit-reached"/>
                </status></results>""", body);
        assertThat(storedFields()).isEqualTo(8);
        create("Meeting field", "object-type-meeting");
        assertThat(storedFields()).isEqualTo(9);
    }

    @Test
    void repeatedCreateIsDuplicateAndStoresOneField() {
        create("Badge", PRINCIPAL);
        String again = admin.call("custom-field-update", "object-type", PRINCIPAL, "permission-id", "manage",
                "name", "badge", "field-type", "text", "is-required", "false", "is-primary", "false");
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="name" type="string" subcode="duplicate"/>
                </status></results>""", again);
        assertThat(storedFields()).isEqualTo(1);
    }

    @Test
    void updateOfAnUnknownFieldOrWithAnotherObjectTypeIsNoSuchItem() {
        String id = create("Phone", PRINCIPAL);
        String expected = """
                <results><status code="invalid">
                  <invalid field="field-id" type="id" subcode="no-such-item"/>
                </status></results>""";
        assertSimilar(expected, admin.call("custom-field-update", "field-id", "123456789", "object-type", PRINCIPAL,
                "name", "X"));
        assertSimilar(expected, admin.call("custom-field-update", "field-id", id, "object-type", "object-type-sco",
                "name", "X"));
    }

    @Test
    void updateToATakenNameIsDuplicate() {
        create("One", PRINCIPAL);
        String two = create("Two", PRINCIPAL);
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="name" type="string" subcode="duplicate"/>
                </status></results>""",
                admin.call("custom-field-update", "field-id", two, "object-type", PRINCIPAL, "name", "ONE"));
    }

    @Test
    void updateWithoutNameOrObjectTypeIsMissing() {
        String id = create("Phone", PRINCIPAL);
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="object-type" type="enum" subcode="missing"/>
                  <invalid field="name" type="string" subcode="missing"/>
                </status></results>""", admin.call("custom-field-update", "field-id", id));
    }

    @Test
    void filterOnNameIgnoresCase() {
        create("Country", PRINCIPAL);
        create("City", PRINCIPAL);
        String body = admin.call("custom-fields", "filter-name", "COUNTRY");
        assertThat(count(body, "/results/custom-fields/field")).isEqualTo(1);
        assertThat(xpath(body, "//field/name")).isEqualTo("Country");
    }

    @Test
    void repeatedFiltersOnOneFieldOrAndFiltersOnDifferentFieldsAnd() {
        String a = create("A", PRINCIPAL);
        String b = create("B", PRINCIPAL, "is-primary", "true");
        create("C", PRINCIPAL);
        String d = create("D", "object-type-event");
        String ored = admin.call("custom-fields", "filter-field-id", a, "filter-field-id", b, "filter-field-id", d);
        assertThat(count(ored, "//field")).isEqualTo(3);
        String anded = admin.call("custom-fields", "filter-field-id", a, "filter-field-id", b, "filter-field-id", d,
                "filter-object-type", PRINCIPAL, "filter-is-primary", "false");
        assertThat(count(anded, "//field")).isEqualTo(1);
        assertThat(xpath(anded, "//field/@field-id")).isEqualTo(a);
    }

    @Test
    void likeFiltersSortsAndPaging() {
        create("Home phone", PRINCIPAL);
        create("Work phone", PRINCIPAL);
        create("Email 2", PRINCIPAL);
        String body = admin.call("custom-fields", "filter-like-name", "PHONE", "sort-name", "desc");
        assertThat(xpath(body, "//field[1]/name")).isEqualTo("Work phone");
        assertThat(xpath(body, "//field[2]/name")).isEqualTo("Home phone");
        assertThat(count(body, "//field")).isEqualTo(2);
        String page = admin.call("custom-fields", "sort-name", "asc", "filter-rows", "1", "filter-start", "1");
        assertThat(count(page, "//field")).isEqualTo(1);
        assertThat(xpath(page, "//field/name")).isEqualTo("Home phone");
    }

    @Test
    void emptyListIsAnEmptyContainer() {
        assertSimilar("<results><status code=\"ok\"/><custom-fields/></results>", admin.call("custom-fields"));
    }

    @Test
    void unknownFilterFieldOrSortDirectionIsInvalid() {
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="filter-colour" type="string" subcode="no-such-item"/>
                  <invalid field="sort-name" type="string" subcode="format"/>
                </status></results>""", admin.call("custom-fields", "filter-colour", "red", "sort-name", "up"));
    }

    @Test
    void deleteRemovesTheFieldAndItsValues() {
        String id = create("Country", PRINCIPAL);
        assertThat(status(admin.call("acl-field-update", "acl-id", Long.toString(userId), "field-id", id,
                "value", "Belgium"))).isEqualTo("ok");
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM acl_field_value")).isEqualTo(1);

        assertSimilar("<results><status code=\"ok\"/></results>",
                admin.call("custom-fields-delete", "field-id", id, "object-type", PRINCIPAL));

        assertThat(storedFields()).isZero();
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM acl_field_value")).isZero();
        assertThat(count(admin.call("principal-info", "principal-id", Long.toString(userId)),
                "/results/principal/*[starts-with(name(), 'x-')]")).isZero();
    }

    @Test
    void deleteOfAPrimaryFieldIsIllegalAndDeletesNothing() {
        String primary = create("Primary", PRINCIPAL, "is-primary", "true");
        String other = create("Other", PRINCIPAL);
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="field-id" type="id" subcode="illegal-operation"/>
                </status></results>""",
                admin.call("custom-fields-delete", "field-id", other, "field-id", primary, "object-type", PRINCIPAL));
        assertThat(storedFields()).isEqualTo(2);
    }

    @Test
    void deleteOfAnUnknownFieldOrWithoutParametersIsInvalid() {
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="field-id" type="id" subcode="no-such-item"/>
                </status></results>""",
                admin.call("custom-fields-delete", "field-id", "900099999", "object-type", PRINCIPAL));
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="field-id" type="id" subcode="missing"/>
                  <invalid field="object-type" type="enum" subcode="missing"/>
                </status></results>""", admin.call("custom-fields-delete"));
    }

    @Test
    void anonymousCallersMustLogIn() {
        String noLogin = "<results><status code=\"no-access\" subcode=\"no-login\"/></results>";
        BreezeClient anonymous = server.client();
        assertSimilar(noLogin, anonymous.call("custom-fields"));
        assertSimilar(noLogin, anonymous.call("custom-field-update", "object-type", PRINCIPAL, "permission-id",
                "manage", "name", "X", "field-type", "text", "is-required", "0", "is-primary", "0"));
        assertSimilar(noLogin, anonymous.call("custom-fields-delete", "field-id", "900000000", "object-type", PRINCIPAL));
    }

    @Test
    void plainUsersReadDefinitionsButCannotChangeThem() {
        String id = create("Country", PRINCIPAL);
        String denied = "<results><status code=\"no-access\" subcode=\"denied\"/></results>";
        assertThat(count(user.call("custom-fields"), "//field")).isEqualTo(1);
        assertSimilar(denied, user.call("custom-field-update", "object-type", PRINCIPAL, "permission-id", "manage",
                "name", "X", "field-type", "text", "is-required", "0", "is-primary", "0"));
        assertSimilar(denied, user.call("custom-field-update", "field-id", id, "object-type", PRINCIPAL, "name", "Y"));
        assertSimilar(denied, user.call("custom-fields-delete", "field-id", id, "object-type", PRINCIPAL));
        assertThat(storedFields()).isEqualTo(1);
        assertThat(xpath(admin.call("custom-fields"), "//field/name")).isEqualTo("Country");
    }
}
