package dev.breezeway.xml.action;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The XML mirrors of the modern principal API on /api/xml: each answers in the Breeze envelope, checks
 * the same permissions as /resources/iam, and its changes show on the JSON face at once.
 */
class IamMirrorsHttpTest {
    private static final String OK = "<results><status code=\"ok\"/></results>";
    private static final String NO_DATA = "<results><status code=\"no-data\"/></results>";
    private static final String NO_LOGIN = "<results><status code=\"no-access\" subcode=\"no-login\"/></results>";
    private static final String DENIED = "<results><status code=\"no-access\" subcode=\"denied\"/></results>";
    private static final String MODERN = "/results/principal-modern";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MIRRORS = List.of("principal-modern-info", "principal-suspend",
            "principal-reactivate", "principal-password-reset", "principal-roles-update", "principal-acl-update",
            "principal-access-update", "session-list", "session-revoke");

    private static TestServer server;
    private static Directory dir;
    private static BreezeClient admin;
    private static BreezeClient plain;
    private static String plainId;
    private static String bystander;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        dir = new Directory(server);
        admin = dir.admin();
        plain = dir.plainUser("plain@example.com");
        plainId = xpath(plain.call("common-info"), "/results/common/user/@user-id");
        bystander = dir.user("bystander@example.com", "By", "Stander");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static BreezeClient loggedIn(String login) {
        BreezeClient c = server.client();
        c.login(login, Directory.USER_PASSWORD);
        return c;
    }

    private static String modern(String principalId) {
        String xml = admin.call("principal-modern-info", "principal-id", principalId);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        return xml;
    }

    private static String uuidOf(String principalId) {
        return xpath(modern(principalId), MODERN + "/@id");
    }

    private static String versionOf(String principalId) {
        return xpath(modern(principalId), MODERN + "/@version");
    }

    /** GET on the JSON face as the administrator, with the administrator's Breeze session as the bearer token. */
    private static JsonNode jsonGet(String path) throws Exception {
        BreezeClient.Reply r = admin.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + admin.session().orElseThrow()).GET());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String invalid(String field, String type, String subcode) {
        return "<results><status code=\"invalid\"><invalid field=\"" + field + "\" type=\"" + type + "\" subcode=\""
                + subcode + "\"/></status></results>";
    }

    // principal-modern-info

    @Test
    void modernInfoShowsTheVersionAndEtagTheJsonFaceShows() throws Exception {
        String id = dir.user("modern@example.com", "Mo", "Dern");
        String xml = modern(id);
        assertThat(xpath(xml, MODERN + "/@principal-id")).isEqualTo(id);
        assertThat(xpath(xml, MODERN + "/name")).isEqualTo("Mo Dern");
        assertThat(xpath(xml, MODERN + "/email")).isEqualTo("modern@example.com");
        assertThat(count(xml, MODERN + "/roles")).isEqualTo(1);
        JsonNode json = jsonGet("/resources/iam/principals/" + xpath(xml, MODERN + "/@id"));
        assertThat(json.get("etag").asText()).isEqualTo(xpath(xml, MODERN + "/@etag"))
                .isEqualTo("W/\"" + xpath(xml, MODERN + "/@version") + "\"");
    }

    @Test
    void modernInfoWithoutPrincipalIdDescribesTheCaller() {
        String xml = plain.call("principal-modern-info");
        assertThat(xpath(xml, MODERN + "/@principal-id")).isEqualTo(plainId);
    }

    @Test
    void modernInfoOfAGroupIsNoData() {
        String group = dir.group("Modern group", "");
        assertSimilar(NO_DATA, admin.call("principal-modern-info", "principal-id", group));
    }

    // principal-suspend and principal-reactivate

    @Test
    void suspendSetsSuspendedAtAndBumpsTheVersion() {
        String id = dir.user("suspend1@example.com", "Sus", "Pend");
        long before = Long.parseLong(versionOf(id));
        String xml = admin.call("principal-suspend", "principal-id", id);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        assertThat(xpath(xml, MODERN + "/@suspended-at")).isNotEmpty();
        assertThat(Long.parseLong(xpath(xml, MODERN + "/@version"))).isEqualTo(before + 1);
    }

    @Test
    void suspendingThroughXmlShowsOnJsonAndEndsTheUsersXmlSessionAtOnce() throws Exception {
        String id = dir.user("suspend2@example.com", "Sus", "Two");
        BreezeClient victim = loggedIn("suspend2@example.com");
        assertThat(status(victim.call("principal-info", "principal-id", id))).isEqualTo("ok");

        assertThat(status(admin.call("principal-suspend", "principal-id", id))).isEqualTo("ok");

        JsonNode json = jsonGet("/resources/iam/principals/" + uuidOf(id));
        assertThat(json.get("suspendedAt").isTextual()).as(json.toString()).isTrue();
        assertSimilar(NO_LOGIN, victim.call("principal-info", "principal-id", id));
        assertThat(status(server.client().call("login", "login", "suspend2@example.com", "password",
                Directory.USER_PASSWORD))).isEqualTo("no-data");
    }

    @Test
    void suspendingYourselfIsIllegalOnPrincipalId() {
        String self = xpath(admin.call("common-info"), "/results/common/user/@user-id");
        assertSimilar(invalid("principal-id", "id", "illegal-operation"),
                admin.call("principal-suspend", "principal-id", self));
        assertThat(xpath(modern(self), MODERN + "/@suspended-at")).isEmpty();
    }

    @Test
    void suspendWithTheCurrentVersionSucceeds() {
        String id = dir.user("suspend3@example.com", "Sus", "Three");
        String xml = admin.call("principal-suspend", "principal-id", id, "version", versionOf(id));
        assertThat(status(xml)).as(xml).isEqualTo("ok");
    }

    @Test
    void staleVersionIsIllegalOnVersionAndSuspendsNothing() {
        String id = dir.user("stale@example.com", "St", "Ale");
        String read = versionOf(id);
        assertThat(status(admin.call("principal-roles-update", "principal-id", id, "role", "x:y"))).isEqualTo("ok");

        assertSimilar(invalid("version", "string", "illegal-operation"),
                admin.call("principal-suspend", "principal-id", id, "version", read));
        assertThat(xpath(modern(id), MODERN + "/@suspended-at")).isEmpty();
    }

    @Test
    void malformedVersionIsFormat() {
        assertSimilar(invalid("version", "long", "format"),
                admin.call("principal-suspend", "principal-id", bystander, "version", "W/\"3\""));
    }

    @Test
    void missingPrincipalIdIsMissing() {
        assertSimilar(invalid("principal-id", "id", "missing"), admin.call("principal-suspend"));
    }

    @Test
    void unknownPrincipalIsNoData() {
        assertSimilar(NO_DATA, admin.call("principal-suspend", "principal-id", "999999999"));
    }

    @Test
    void reactivateClearsSuspendedAtAndLoginWorksAgain() {
        String id = dir.user("react@example.com", "Re", "Act");
        admin.call("principal-suspend", "principal-id", id);
        String xml = admin.call("principal-reactivate", "principal-id", id);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        assertThat(xpath(xml, MODERN + "/@suspended-at")).isEmpty();
        assertThat(status(server.client().call("login", "login", "react@example.com", "password",
                Directory.USER_PASSWORD))).isEqualTo("ok");
    }

    @Test
    void reactivateWithAStaleVersionIsIllegalOnVersion() {
        String id = dir.user("react2@example.com", "Re", "Two");
        String read = versionOf(id);
        admin.call("principal-suspend", "principal-id", id);
        assertSimilar(invalid("version", "string", "illegal-operation"),
                admin.call("principal-reactivate", "principal-id", id, "version", read));
        assertThat(xpath(modern(id), MODERN + "/@suspended-at")).isNotEmpty();
    }

    // principal-password-reset

    @Test
    void passwordResetAnswersATemporaryPasswordThatOnlyAllowsAChange() {
        String id = dir.user("reset@example.com", "Re", "Set");
        String xml = admin.call("principal-password-reset", "principal-id", id);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        assertThat(xpath(xml, "/results/password/@temporary")).isEqualTo("true");
        String temporary = xpath(xml, "/results/password");
        assertThat(temporary).hasSizeGreaterThanOrEqualTo(8);

        assertThat(status(server.client().call("login", "login", "reset@example.com", "password",
                Directory.USER_PASSWORD))).isEqualTo("no-data");
        BreezeClient c = server.client();
        c.login("reset@example.com", temporary);
        assertSimilar(DENIED, c.call("principal-info", "principal-id", id));
    }

    // principal-roles-update

    @Test
    void rolesUpdateReplacesTheRolesAndJsonShowsThem() throws Exception {
        String id = dir.user("roles@example.com", "Ro", "Les");
        admin.call("principal-roles-update", "principal-id", id, "role", "old:role");
        String xml = admin.call("principal-roles-update", "principal-id", id, "role", "support:agent",
                "role", "billing:viewer");
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        assertThat(count(xml, MODERN + "/roles/role")).isEqualTo(2);
        assertThat(xpath(xml, MODERN + "/roles/role[1]")).isEqualTo("billing:viewer");
        JsonNode json = jsonGet("/resources/iam/principals/" + uuidOf(id));
        assertThat(json.get("roles").toString()).isEqualTo("[\"billing:viewer\",\"support:agent\"]");
    }

    @Test
    void rolesUpdateWithoutRolesClearsThem() {
        String id = dir.user("roles2@example.com", "Ro", "Two");
        admin.call("principal-roles-update", "principal-id", id, "role", "a:b");
        String xml = admin.call("principal-roles-update", "principal-id", id);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        assertThat(count(xml, MODERN + "/roles/role")).isZero();
    }

    @Test
    void tooLongRoleIsRangeAndNothingChanges() {
        String id = dir.user("roles3@example.com", "Ro", "Three");
        String version = versionOf(id);
        assertSimilar("<results><status code=\"invalid\"><invalid field=\"role\" type=\"string\" subcode=\"range\""
                        + " min=\"1\" max=\"255\"/></status></results>",
                admin.call("principal-roles-update", "principal-id", id, "role", "r".repeat(256)));
        assertThat(versionOf(id)).isEqualTo(version);
    }

    // principal-acl-update

    @Test
    void aclUpdateReplacesTheEntries() {
        String id = dir.user("acl@example.com", "A", "Cl");
        String xml = admin.call("principal-acl-update", "principal-id", id, "acl", "orders:read", "acl", "iam/principals:*");
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        assertThat(count(xml, MODERN + "/acl/entry")).isEqualTo(2);
        assertThat(xpath(xml, MODERN + "/acl/entry[@resource='iam/principals']/@permission")).isEqualTo("*");
        assertThat(count(admin.call("principal-acl-update", "principal-id", id), MODERN + "/acl/entry")).isZero();
    }

    @Test
    void aclEntryWithoutPermissionIsFormat() {
        assertSimilar(invalid("acl", "string", "format"),
                admin.call("principal-acl-update", "principal-id", bystander, "acl", "orders"));
    }

    @Test
    void aclGrantedThroughXmlLetsAUserReadOthersSessions() {
        String id = dir.user("reader@example.com", "Re", "Ader");
        BreezeClient reader = loggedIn("reader@example.com");
        assertSimilar(DENIED, reader.call("session-list", "principal-id", bystander));

        admin.call("principal-acl-update", "principal-id", id, "acl", "iam/principals:read");

        assertThat(status(reader.call("session-list", "principal-id", bystander))).isEqualTo("ok");
        assertSimilar(DENIED, reader.call("principal-suspend", "principal-id", bystander));
    }

    // principal-access-update

    @Test
    void accessUpdateStoresRepeatedKeysAsOneAttributeWithSeveralValues() throws Exception {
        String id = dir.user("abac@example.com", "A", "Bac");
        String xml = admin.call("principal-access-update", "principal-id", id, "key", "channelKey", "value", "STORE-NYC",
                "key", "channelKey", "value", "STORE-SF", "key", "region", "value", "east");
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        assertThat(count(xml, MODERN + "/access-attributes/attribute")).isEqualTo(3);
        JsonNode json = jsonGet("/resources/iam/principals/" + uuidOf(id));
        assertThat(json.get("accessAttributes").get("channelKey").toString()).isEqualTo("[\"STORE-NYC\",\"STORE-SF\"]");
        assertThat(count(admin.call("principal-access-update", "principal-id", id),
                MODERN + "/access-attributes/attribute")).isZero();
    }

    @Test
    void keyWithoutValueIsMissingValue() {
        assertSimilar(invalid("value", "string", "missing"),
                admin.call("principal-access-update", "principal-id", bystander, "key", "channelKey"));
    }

    // session-list and session-revoke

    @Test
    void sessionListWithoutPrincipalIdListsTheCallersSessionsMarkingTheCurrentOne() {
        BreezeClient me = dir.plainUser("sessions@example.com");
        loggedIn("sessions@example.com");
        String xml = me.call("session-list");
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        assertThat(count(xml, "/results/sessions/session")).isEqualTo(2);
        assertThat(count(xml, "/results/sessions/session[@is-current='true']")).isEqualTo(1);
        assertThat(count(xml, "/results/sessions/session[@is-revoked='false' and not(@revoked-at)]")).isEqualTo(2);
        assertThat(xpath(xml, "/results/sessions/session[1]/description")).isNotEmpty();
        assertThat(xpath(xml, "/results/sessions/session[1]/@expires-at")).isNotEmpty();
    }

    @Test
    void sessionRevokeEndsThatSessionAtOnce() {
        String id = dir.user("revoke@example.com", "Re", "Voke");
        BreezeClient first = loggedIn("revoke@example.com");
        BreezeClient second = loggedIn("revoke@example.com");
        String sid = xpath(second.call("session-list"), "/results/sessions/session[@is-current='true']/@session-id");

        assertSimilar(OK, first.call("session-revoke", "session-id", sid));

        assertSimilar(NO_LOGIN, second.call("principal-info", "principal-id", id));
        assertThat(status(first.call("principal-info", "principal-id", id))).isEqualTo("ok");
        assertThat(count(first.call("session-list"), "/results/sessions/session[@session-id='" + sid + "']"))
                .as("a revoked session is not listed unless asked for").isZero();
        String listed = first.call("session-list", "include-revoked", "true");
        assertThat(xpath(listed, "/results/sessions/session[@session-id='" + sid + "']/@is-revoked")).isEqualTo("true");
        assertThat(xpath(listed, "/results/sessions/session[@session-id='" + sid + "']/@revoked-at")).isNotEmpty();
    }

    @Test
    void administratorRevokesAnotherPrincipalsSession() {
        String id = dir.user("revoke2@example.com", "Re", "Two");
        BreezeClient victim = loggedIn("revoke2@example.com");
        String sid = xpath(admin.call("session-list", "principal-id", id), "/results/sessions/session[1]/@session-id");
        assertSimilar(OK, admin.call("session-revoke", "principal-id", id, "session-id", sid));
        assertSimilar(NO_LOGIN, victim.call("principal-info", "principal-id", id));
    }

    @Test
    void revokingASessionThePrincipalDoesNotHaveIsNoData() {
        assertSimilar(NO_DATA, plain.call("session-revoke", "session-id", "00000000-0000-4000-8000-000000000000"));
    }

    @Test
    void sessionIdThatIsNoUuidIsFormat() {
        assertSimilar(invalid("session-id", "string", "format"), plain.call("session-revoke", "session-id", "abc"));
    }

    @Test
    void missingSessionIdIsMissing() {
        assertSimilar(invalid("session-id", "string", "missing"), plain.call("session-revoke"));
    }

    // access

    static Stream<String> mirrors() {
        return MIRRORS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mirrors")
    void anonymousCallerIsNoLogin(String action) {
        assertSimilar(NO_LOGIN, server.client().call(action, "principal-id", bystander));
    }

    /** Each mirror aimed at another principal, with otherwise valid parameters. */
    static Stream<Arguments> aimedAtAnother() {
        return Stream.of(
                Arguments.of("principal-modern-info", List.of()),
                Arguments.of("principal-suspend", List.of()),
                Arguments.of("principal-reactivate", List.of()),
                Arguments.of("principal-password-reset", List.of()),
                Arguments.of("principal-roles-update", List.of("role", "a:b")),
                Arguments.of("principal-acl-update", List.of("acl", "orders:read")),
                Arguments.of("principal-access-update", List.of("key", "k", "value", "v")),
                Arguments.of("session-list", List.of()),
                Arguments.of("session-revoke", List.of("session-id", "00000000-0000-4000-8000-000000000000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aimedAtAnother")
    void plainUserIsDeniedOnAnotherPrincipalAndNothingChanges(String action, List<String> extra) {
        String before = modern(bystander);
        String[] kv = Stream.concat(Stream.of("principal-id", bystander), extra.stream()).toArray(String[]::new);
        assertSimilar(DENIED, plain.call(action, kv));
        assertSimilar(before, modern(bystander));
    }
}
