package dev.breezeway.conformance;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmlunit.builder.Input;
import org.xmlunit.xpath.JAXPXPathEngine;

/**
 * One test per point of the client checklist (the protocol notes' wire-compatibility checklist): the
 * requests real client libraries (Ruby gem for Canvas, PHP brunogasparetto, Python, switch-ch, Moodle,
 * CESNET) send, and what their parsers need from the replies. Test names cite the point.
 */
class ClientChecklistHttpTest {
    private static TestServer server;
    private static Directory dir;
    private static BreezeClient admin;
    private static String token;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        dir = new Directory(server);
        admin = dir.admin();
        token = admin.session().orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String get(String rawQuery) {
        return server.client().getQuery(rawQuery).body();
    }

    private static String loginQuery() {
        return "login=" + BreezeClient.enc(TestServer.ADMIN_LOGIN) + "&password=" + BreezeClient.enc(TestServer.ADMIN_PASSWORD);
    }

    // Transport / HTTP

    @Test
    void point1RubyGemRequestsApiXmlWithActionFirst() {
        assertThat(status(get("action=common-info&session=" + token))).isEqualTo("ok");
    }

    @Test
    void point2PhpComparesTheWholeContentTypeWithTextXmlAndNeedsExactHeaderCase() {
        String raw = server.client().rawGet("action=login&" + loginQuery());
        assertThat(raw).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Type: text/xml\r\n")
                .contains("\r\nSet-Cookie: BREEZESESSION=");
        assertThat(raw.toLowerCase()).doesNotContain("charset");
    }

    @Test
    void point3LoginSetCookieIsSingleFirstAttributeNoDomainAndParsableByEveryClient() {
        String raw = server.client().rawGet("action=login&" + loginQuery());
        List<String> cookies = raw.lines().filter(l -> l.startsWith("Set-Cookie:")).toList();
        assertThat(cookies).hasSize(1);
        String header = cookies.get(0).substring("Set-Cookie: ".length());
        Matcher ruby = Pattern.compile("BREEZESESSION=([^;]+)").matcher(header);
        assertThat(ruby.find()).isTrue();
        assertThat(header.split(";")[0]).isEqualTo("BREEZESESSION=" + ruby.group(1));
        assertThat(header.toLowerCase()).doesNotContain("domain=");
        assertThat(header).matches("BREEZESESSION=breez[^;]+;.*");
    }

    @Test
    void point4SessionAsQueryParameterAsCookieAndViaCommonInfoFlow() {
        assertThat(xpath(get("action=common-info&session=" + token), "//user/login")).isEqualTo(TestServer.ADMIN_LOGIN);
        BreezeClient.Reply cookie = server.client().send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/api/xml?action=common-info")).header("Cookie", "BREEZESESSION=" + token));
        assertThat(xpath(cookie.body(), "//user/login")).isEqualTo(TestServer.ADMIN_LOGIN);
        String fresh = xpath(get("action=common-info"), "/results/common/cookie");
        assertThat(status(get("action=login&" + loginQuery() + "&session=" + fresh))).isEqualTo("ok");
        assertThat(xpath(get("action=common-info&session=" + fresh), "//user/login")).isEqualTo(TestServer.ADMIN_LOGIN);
    }

    @Test
    void point5CommonInfoWithoutSessionHasAttributesAndCookieButNoUser() {
        String xml = get("action=common-info");
        assertThat(xpath(xml, "count(/results/common/@*)")).isNotEqualTo("0");
        assertThat(xpath(xml, "/results/common/cookie")).isNotEmpty();
        assertThat(count(xml, "/results/common/user")).isZero();
    }

    @Test
    void point6BadCredentialsAreNoData() {
        assertThat(status(get("action=login&login=x%40y.z&password=nope"))).isEqualTo("no-data");
    }

    @Test
    void point7PythonPostsWithEmptyBodyAndMoodlePostsParamsXmlWithSessionInQuery() {
        BreezeClient.Reply python = server.client().post("action=principal-update&first-name=Py&last-name=Thon"
                + "&login=python%40example.com&password=Py-Thon-Client-1&type=user&send-email=false&has-children=0"
                + "&email=python%40example.com&session=" + token, "application/x-www-form-urlencoded", new byte[0]);
        assertThat(status(python.body())).isEqualTo("ok");
        String moodle = "<params><param name=\"action\">principal-list</param><param name=\"filter-login\">python@example.com</param></params>";
        BreezeClient.Reply r = server.client().post("session=" + token, "text/xml", moodle.getBytes(StandardCharsets.UTF_8));
        assertThat(count(r.body(), "/results/principal-list/principal")).isEqualTo(1);
    }

    @Test
    void point8PlusAndPercent20AreSpacesAndSortedKeysPutSessionInTheMiddle() {
        String xml = get("action=principal-update&description=conformance+group&has-children=true&name=conformance%20group"
                + "&session=" + token + "&type=group");
        assertThat(xpath(xml, "/results/principal/name")).isEqualTo("conformance group");
        assertThat(xpath(xml, "/results/principal/description")).isEqualTo("conformance group");
    }

    @Test
    void point9BooleansAsZeroOneAndTrueFalse() {
        String g1 = xpath(get("action=principal-update&has-children=1&name=Bool1&type=group&session=" + token),
                "/results/principal/@principal-id");
        String g2 = xpath(get("action=principal-update&has-children=true&name=Bool2&type=group&session=" + token),
                "/results/principal/@principal-id");
        String u = dir.user("bool@example.com", "B", "L");
        assertThat(status(get("action=group-membership-update&group-id=" + g1 + "&principal-id=" + u + "&is-member=true&session=" + token)))
                .isEqualTo("ok");
        assertThat(status(get("action=group-membership-update&group-id=" + g2 + "&principal-id=" + u + "&is-member=1&session=" + token)))
                .isEqualTo("ok");
        assertThat(status(get("action=group-membership-update&group-id=" + g2 + "&principal-id=" + u + "&is-member=FALSE&session=" + token)))
                .isEqualTo("ok");
    }

    @Test
    void point10OneUserHoldsManySessionsAndPythonLogsInForEveryCall() {
        for (int i = 0; i < 5; i++) {
            BreezeClient c = server.client();
            c.login(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
            assertThat(status(c.call("principal-list", "filter-type", "admins"))).isEqualTo("ok");
        }
        assertThat(status(get("action=common-info&session=" + token))).isEqualTo("ok");
    }

    @Test
    void point11TheRubyClientsWholeUserLifeWithA10LetterHexPasswordIsOkAtEveryStep() {
        // The Canvas-lineage gem: password = first 10 characters of an MD5 hex digest, keys sorted, session in the query.
        String created = get("action=principal-update&email=canvas%40example.com&first-name=Can&has-children=0"
                + "&last-name=Vas&login=canvas%40example.com&password=3f9a0c7be2&session=" + token + "&type=user");
        assertThat(status(created)).as(created).isEqualTo("ok");
        String id = xpath(created, "/results/principal/@principal-id");
        String found = get("action=principal-list&filter-login=canvas%40example.com&session=" + token);
        assertThat(xpath(found, "/results/principal-list/principal/@principal-id")).isEqualTo(id);
        assertThat(status(get("action=principal-update&email=canvas%40example.com&first-name=Canny&has-children=0"
                + "&last-name=Vas&login=canvas%40example.com&principal-id=" + id + "&session=" + token))).isEqualTo("ok");
        String group = xpath(get("action=principal-update&description=c&has-children=1&name=CanvasCourse&session="
                + token + "&type=group"), "/results/principal/@principal-id");
        assertThat(status(get("action=group-membership-update&group-id=" + group + "&is-member=true&principal-id=" + id
                + "&session=" + token))).isEqualTo("ok");
        assertThat(status(get("action=user-update-pwd&password=0cc175b9c0&password-verify=0cc175b9c0&session=" + token
                + "&user-id=" + id))).isEqualTo("ok");
        assertThat(status(get("action=login&login=canvas%40example.com&password=0cc175b9c0"))).isEqualTo("ok");
        assertThat(status(get("action=principals-delete&principal-id=" + id + "&session=" + token))).isEqualTo("ok");
        // Other clients' test code: x followed by 8 hex digits.
        assertThat(status(get("action=principal-update&email=xhex%40example.com&first-name=X&has-children=0&last-name=H"
                + "&login=xhex%40example.com&password=x1a2b3c4d&session=" + token + "&type=user"))).isEqualTo("ok");
    }

    @Test
    void point12ATakenLoginIsDuplicateAlwaysAndReportedWithTheOtherProblems() {
        String create = "action=principal-update&first-name=D&has-children=0&last-name=U&login=dup12%40example.com"
                + "&session=" + token + "&type=user";
        assertThat(status(get(create))).isEqualTo("ok");
        String duplicate = "<results><status code=\"invalid\"><invalid field=\"login\" type=\"string\" subcode=\"duplicate\"/>"
                + "</status></results>";
        assertSimilar(duplicate, get(create));
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="login" type="string" subcode="duplicate"/>
                  <invalid field="password" type="string" subcode="range" min="4" max="32"/>
                </status></results>""", get(create + "&password=ab"));
    }

    @Test
    void point13EveryLoginResponseSetsTheSessionCookieAFailedOneIncluded() {
        BreezeClient.Reply failed = server.client().getRaw("login", "login", "nobody@example.com", "password", "wrong");
        assertThat(status(failed.body())).isEqualTo("no-data");
        assertThat(failed.header("set-cookie")).anyMatch(c -> c.startsWith("BREEZESESSION="));
    }

    // Actions and parameters seen on the wire

    @Test
    void rubyGemCreatesUsersAndGroupsWithSortedKeys() {
        assertThat(status(get("action=principal-update&email=rb%40example.com&first-name=R&has-children=0&last-name=B"
                + "&login=rb%40example.com&password=Ruby-Gem-Canvas-1&session=" + token + "&type=user"))).isEqualTo("ok");
        assertThat(status(get("action=principal-update&description=d&has-children=1&name=RubyGroup&session=" + token
                + "&type=group"))).isEqualTo("ok");
    }

    @Test
    void phpCreatesWithTrueFalseAndUpdatesWithoutTypeOrHasChildren() {
        String xml = get("action=principal-update&has-children=false&first-name=P&last-name=H&login=php%40example.com"
                + "&password=Php-Client-Pass-1&email=php%40example.com&send-email=false&type=user&session=" + token);
        String id = xpath(xml, "/results/principal/@principal-id");
        assertThat(status(get("action=principal-update&principal-id=" + id + "&first-name=Q&last-name=H"
                + "&login=php%40example.com&email=php%40example.com&session=" + token))).isEqualTo("ok");
    }

    @Test
    void pythonUpdatesWithPrincipalIdFirstNameAndHasChildren() {
        String id = dir.user("pyupd@example.com", "Py", "Upd");
        assertThat(status(get("action=principal-update&principal-id=" + id + "&first-name=Changed&has-children=0&session=" + token)))
                .isEqualTo("ok");
    }

    @Test
    void principalListVariantsOfAllThreeClients() {
        String u = dir.user("variants@example.com", "Var", "Iants");
        String g = dir.group("VariantsGroup", "");
        dir.addMember(g, u);
        String[] queries = {
                "filter-login=variants%40example.com", "filter-name=Var+Iants", "filter-type=user&filter-like-name=Iant",
                "group-id=" + g + "&filter-email=variants%40example.com&filter-is-member=true",
                "filter-type=user&filter-like-name=Iant&sort-name=asc", "group-id=" + g + "&filter-is-member=true",
                "filter-name=Var+Iants&filter-login=variants%40example.com&filter-type=user",
                "principal-id=" + u + "&filter-is-member=true", "group-id=" + g + "&filter-ismember=true"};
        for (String q : queries) {
            String xml = get("action=principal-list&" + q + "&session=" + token);
            assertThat(count(xml, "/results/principal-list/principal")).as(q).isEqualTo(1);
        }
    }

    @Test
    void userUpdatePwdAsRubyPhpAndPythonSendIt() {
        String id = dir.user("pwdclients@example.com", "P", "C");
        assertThat(status(get("action=user-update-pwd&password=Ruby-New-Pass-1&password-verify=Ruby-New-Pass-1&user-id=" + id
                + "&session=" + token))).isEqualTo("ok");
        assertThat(status(get("action=user-update-pwd&password=Php-New-Pass-2&user-id=" + id
                + "&password-verify=Php-New-Pass-2&session=" + token))).isEqualTo("ok");
        assertThat(status(get("action=user-update-pwd&user-id=" + id + "&password=Py-New-Pass-3&password-verify=Py-New-Pass-3"
                + "&session=" + token))).isEqualTo("ok");
    }

    @Test
    void principalsDeleteAsEveryClientSendsIt() {
        String id = dir.user("delclient@example.com", "D", "C");
        assertThat(status(get("action=principals-delete&principal-id=" + id + "&session=" + token))).isEqualTo("ok");
    }

    @Test
    void logoutAsPythonPostsItWithNoSessionOrCookie() {
        BreezeClient.Reply r = server.client().post("action=logout", "application/x-www-form-urlencoded", new byte[0]);
        assertThat(status(r.body())).isEqualTo("ok");
    }

    @Test
    void permissionsInfoGivesThePhpClientASinglePermissionElement() {
        String u = dir.user("perm@example.com", "P", "M");
        String g = dir.group("PermGroup", "");
        assertThat(status(get("action=permissions-update&acl-id=" + g + "&principal-id=" + u + "&permission-id=view&session=" + token)))
                .isEqualTo("ok");
        String xml = get("action=permissions-info&acl-id=" + g + "&principal-id=" + u + "&session=" + token);
        assertThat(xpath(xml, "/results/permission/@permission-id")).isEqualTo("view");
        assertThat(xpath(xml, "/results/permission/@acl-id")).isEqualTo(g);
        assertThat(xpath(xml, "/results/permission/@principal-id")).isEqualTo(u);
    }

    // Response shapes the parsers rely on

    @Test
    void phpHeuristicRecordsCarryAttributesAndListsDoNot() {
        String u = dir.user("shape@example.com", "S", "H");
        String info = get("action=principal-info&principal-id=" + u + "&session=" + token);
        assertThat(xpath(info, "count(/results/principal/@*)")).isNotEqualTo("0");
        assertThat(xpath(info, "count(/results/preferences/@*)")).isNotEqualTo("0");
        assertThat(xpath(info, "count(/results/contact/@*)")).isEqualTo("0");
        String list = get("action=principal-list&filter-login=shape%40example.com&session=" + token);
        assertThat(xpath(list, "count(/results/principal-list/@*)")).isEqualTo("0");
        assertThat(xpath(get("action=common-info"), "count(/results/common/@*)")).isNotEqualTo("0");
    }

    @Test
    void pythonRequiresTheseAttributesAndElementsOnCreate() {
        String xml = get("action=principal-update&first-name=A&last-name=B&login=pyreq%40example.com&type=user"
                + "&has-children=0&session=" + token);
        for (String x : List.of("@principal-id", "@type", "@has-children", "@account-id", "name", "login", "ext-login")) {
            assertThat(count(xml, "/results/principal/" + x)).as(x).isEqualTo(1);
        }
        assertThat(xpath(xml, "/results/principal/@has-children")).isEqualTo("0");
    }

    @Test
    void pythonRequiresIsEcommerceAndDisplayUidOnListRows() {
        String xml = get("action=principal-list&filter-type=admins&session=" + token);
        assertThat(count(xml, "/results/principal-list/principal/@is-ecommerce")).isEqualTo(1);
        assertThat(count(xml, "/results/principal-list/principal/display-uid")).isEqualTo(1);
    }

    @Test
    void everyTypeWeSendIsInThePhpClientsWhitelist() {
        Set<String> whitelist = Set.of("user", "group", "guest", "admins", "admins-limited", "authors", "course-admins",
                "event-admins", "event-group", "everyone", "external-group", "external-user", "learners", "live-admins",
                "seminar-admins");
        String xml = get("action=principal-list&filter-rows=1000&session=" + token);
        new JAXPXPathEngine().selectNodes("/results/principal-list/principal/@type", Input.fromString(xml).build())
                .forEach(n -> assertThat(whitelist).contains(n.getNodeValue()));
    }

    @Test
    void severalInvalidChildrenButOneWhenOnlyOneFieldIsWrong() {
        String one = get("action=principal-update&name=x&type=group&session=" + token);
        assertThat(count(one, "/results/status/invalid")).isEqualTo(1);
        String three = get("action=principal-update&type=user&has-children=0&session=" + token);
        assertThat(count(three, "/results/status/invalid")).isEqualTo(3);
    }

    @Test
    void noAccessCarriesItsSubcodeOnStatus() {
        BreezeClient user = dir.plainUser("noaccess@example.com");
        String xml = user.call("principal-update", "name", "X", "type", "group", "has-children", "1");
        assertThat(xpath(xml, "/results/status/@code")).isEqualTo("no-access");
        assertThat(xpath(xml, "/results/status/@subcode")).isEqualTo("denied");
    }

    @Test
    void commonInfoDateIsIso8601WithMillisecondsAndOffset() {
        String date = xpath(get("action=common-info"), "/results/common/date");
        assertThat(OffsetDateTime.parse(date)).isNotNull();
        assertThat(date).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d");
    }

    @Test
    void builtInGroupsAreFoundByTypeAsSwitchChLooksUpAuthors() {
        String xml = get("action=principal-list&filter-type=authors&session=" + token);
        assertThat(xpath(xml, "/results/principal-list/principal/@is-primary")).isEqualTo("true");
    }

    @Test
    void cesnetReloginSignalIsNoAccessNoLogin() {
        String xml = get("action=principal-list&session=breezexpiredexpiredexpired1234");
        assertThat(xpath(xml, "/results/status/@code")).isEqualTo("no-access");
        assertThat(xpath(xml, "/results/status/@subcode")).isEqualTo("no-login");
    }
}
