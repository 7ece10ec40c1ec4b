package dev.breezeway.policy;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Login and password policies per account and face (issue 16): the XML face accepts what Adobe's
 * defaults accept, the JSON face keeps seed 000's policy, administrators change either on both faces,
 * and each rule (length, digit, capital, lower-case, special character, common, expiry, reuse, login is
 * the email) holds on the face it governs.
 */
class PasswordPolicyHttpTest {
    private static final String DENIED = "<results><status code=\"no-access\" subcode=\"denied\"/></results>";
    private static TestServer server;
    private static Directory dir;
    private static BreezeClient admin;
    private static JsonClient adminJson;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        dir = new Directory(server);
        admin = dir.admin();
        adminJson = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void backToTheDefaults() {
        admin = server.admin();
        for (String face : new String[]{"xml", "json"}) {
            String info = admin.call("account-policy-info", "face", face);
            String defaults = face.equals("xml") ? "4" : "8";
            ok(admin.call("account-policy-update", "face", face, "login-is-email", "false", "password-min-length", defaults,
                    "password-max-length", face.equals("xml") ? "32" : "256",
                    "password-requires-digit", Boolean.toString(face.equals("json")),
                    "password-requires-capital", Boolean.toString(face.equals("json")),
                    "password-requires-lower", Boolean.toString(face.equals("json")),
                    "password-special-characters", "", "password-refuses-common", Boolean.toString(face.equals("json")),
                    "password-expiry-days", "0", "password-history", "0",
                    "version", xpath(info, "/results/account-policy/@version")));
        }
    }

    private static String ok(String xml) {
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        return xml;
    }

    private static String createUser(String login, String password) {
        return admin.call("principal-update", "type", "user", "has-children", "0", "login", login, "first-name", "Pol",
                "last-name", "Icy", "email", login, "password", password);
    }

    private static String setPassword(String id, String password) {
        return admin.call("user-update-pwd", "user-id", id, "password", password, "password-verify", password);
    }

    private static void xmlPolicy(String... kv) {
        String[] all = new String[kv.length + 2];
        all[0] = "face";
        all[1] = "xml";
        System.arraycopy(kv, 0, all, 2, kv.length);
        ok(admin.call("account-policy-update", all));
    }

    private static String invalid(String field, String subcode) {
        return "<results><status code=\"invalid\"><invalid field=\"" + field + "\" type=\"string\" subcode=\"" + subcode
                + "\"/></status></results>";
    }

    @Test
    void theXmlFaceDefaultsToAdobesPolicyAndTheJsonFaceToSeed000s() {
        String xml = server.admin().call("account-policy-info");
        for (String[] attribute : new String[][]{{"face", "xml"}, {"login-is-email", "false"},
                {"password-min-length", "4"}, {"password-max-length", "32"}, {"password-requires-digit", "false"},
                {"password-requires-capital", "false"}, {"password-requires-lower", "false"},
                {"password-refuses-common", "false"}, {"password-expiry-days", "0"}, {"password-history", "0"}}) {
            assertThat(xpath(xml, "/results/account-policy/@" + attribute[0])).as(attribute[0]).isEqualTo(attribute[1]);
        }
        JsonClient.Reply json = adminJson.get("/resources/account/policies/json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body().get("passwordMinLength").asInt()).isEqualTo(8);
        assertThat(json.body().get("passwordRequiresCapital").asBoolean()).isTrue();
        assertThat(json.body().get("passwordRefusesCommon").asBoolean()).isTrue();
    }

    @Test
    void passwordsThatRealClientsGenerateAreAcceptedOnTheXmlFace() {
        // The Canvas-lineage Ruby client: the first 10 characters of an MD5 hex digest; others: x + 8 hex digits.
        String ruby = createUser("ruby.client@example.com", "3f9a0c7be2");
        ok(ruby);
        ok(createUser("other.client@example.com", "x1a2b3c4d"));
        ok(setPassword(xpath(ruby, "/results/principal/@principal-id"), "0cc175b9c0"));
        BreezeClient user = server.client();
        user.login("ruby.client@example.com", "0cc175b9c0");
    }

    @Test
    void theXmlFaceRefusesPasswordsOutsideItsLengthWithRange() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="password" type="string" subcode="range" min="4" max="32"/>
                </status></results>""", createUser("short.pw@example.com", "abc"));
        assertSimilar("""
                <results><status code="invalid"><invalid field="password" type="string" subcode="range" min="4" max="32"/>
                </status></results>""", createUser("long.pw@example.com", "a".repeat(33)));
    }

    @Test
    void eachCharacterRuleOfTheXmlPolicyIsEnforced() {
        String id = xpath(ok(createUser("rules@example.com", "start-here")), "/results/principal/@principal-id");
        xmlPolicy("password-min-length", "8", "password-requires-digit", "true");
        assertSimilar(invalid("password", "format"), setPassword(id, "nodigitshere"));
        ok(setPassword(id, "digit1here"));
        xmlPolicy("password-requires-capital", "true");
        assertSimilar(invalid("password", "format"), setPassword(id, "nocapital1"));
        ok(setPassword(id, "Capital1here"));
        xmlPolicy("password-requires-lower", "true");
        assertSimilar(invalid("password", "format"), setPassword(id, "UPPER1ONLY"));
        xmlPolicy("password-special-characters", "!#");
        assertSimilar(invalid("password", "format"), setPassword(id, "Nospecial1"));
        ok(setPassword(id, "Special1#x"));
        xmlPolicy("password-refuses-common", "true");
        assertSimilar(invalid("password", "format"), setPassword(id, "Password1!"));
        ok(setPassword(id, "Vq7#zLm2!pXr"));
    }

    @Test
    void anExpiredPasswordLogsInOnlyToBeChanged() {
        xmlPolicy("password-expiry-days", "30");
        String id = xpath(ok(createUser("expiry@example.com", "first-pass-1")), "/results/principal/@principal-id");
        server.clock().advance(Duration.ofDays(31));
        try {
            BreezeClient user = server.client();
            user.login("expiry@example.com", "first-pass-1");
            assertSimilar(DENIED, user.call("principal-info", "principal-id", id));
            ok(user.call("user-update-pwd", "user-id", id, "password", "second-pass-2", "password-verify", "second-pass-2",
                    "password-old", "first-pass-1"));
            ok(user.call("principal-info", "principal-id", id));
        } finally {
            server.clock().advance(Duration.ofDays(-31));
        }
    }

    @Test
    void theLastPasswordsCannotBeReusedWhenTheHistoryIsOn() {
        xmlPolicy("password-history", "2");
        String id = xpath(ok(createUser("history@example.com", "pass-one-1")), "/results/principal/@principal-id");
        ok(setPassword(id, "pass-two-2"));
        assertSimilar(invalid("password", "format"), setPassword(id, "pass-one-1"));
        assertSimilar(invalid("password", "format"), setPassword(id, "pass-two-2"));
        ok(setPassword(id, "pass-three-3"));
        // Two back is outside a history of two (the current one and the one before).
        ok(setPassword(id, "pass-one-1"));
    }

    @Test
    void withLoginIsEmailALoginOtherThanTheEmailIsRefused() {
        xmlPolicy("login-is-email", "true");
        assertSimilar(invalid("login", "format"), admin.call("principal-update", "type", "user", "has-children", "0",
                "login", "someone", "first-name", "A", "last-name", "B", "email", "someone@example.com"));
        ok(admin.call("principal-update", "type", "user", "has-children", "0", "login", "Same@Example.com",
                "first-name", "A", "last-name", "B", "email", "same@example.com"));
    }

    @Test
    void onlyAHolderOfPoliciesManageChangesAPolicyAndAStaleVersionChangesNothing() {
        BreezeClient plain = dir.plainUser("policy.plain@example.com");
        assertThat(status(plain.call("account-policy-info"))).isEqualTo("ok");
        assertSimilar(DENIED, plain.call("account-policy-update", "password-min-length", "5"));
        String info = admin.call("account-policy-info");
        String version = xpath(info, "/results/account-policy/@version");
        xmlPolicy("password-min-length", "6", "version", version);
        assertSimilar("""
                <results><status code="invalid"><invalid field="version" type="string" subcode="illegal-operation"/>
                </status></results>""", admin.call("account-policy-update", "password-min-length", "7", "version", version));
        assertThat(xpath(admin.call("account-policy-info"), "/results/account-policy/@password-min-length")).isEqualTo("6");
        assertSimilar("""
                <results><status code="invalid"><invalid field="password-min-length" type="long" subcode="range" min="4" max="32"/>
                </status></results>""", admin.call("account-policy-update", "password-min-length", "40"));
    }

    @Test
    void theJsonPolicyGovernsTheJsonFaceAndIsChangedThere() {
        String locator = adminJson.post("/auth/users", "{\"firstName\":\"J\",\"lastName\":\"S\",\"userName\":"
                + "\"json.policy@example.com\",\"password\":\"Json-Policy-77\",\"temporaryPassword\":false}")
                .body().get("locator").asText();
        JsonClient user = JsonClient.loggedIn(server, "json.policy@example.com", "Json-Policy-77");
        JsonClient.Reply weak = user.post("/resources/me/password",
                "{\"currentPassword\":\"Json-Policy-77\",\"newPassword\":\"3f9a0c7be2\"}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.errorCode()).isEqualTo("WEAK_PASSWORD");
        assertThat(user.put("/resources/account/policies/json", "{\"passwordMinLength\":6}", Optional.empty()).status())
                .isEqualTo(403);

        JsonClient.Reply before = adminJson.get("/resources/account/policies/json");
        JsonClient.Reply changed = adminJson.put("/resources/account/policies/json", "{\"passwordRequiresCapital\":false,"
                + "\"passwordRequiresDigit\":false,\"passwordRefusesCommon\":false,\"passwordMinLength\":10,"
                + "\"passwordHistory\":1}", Optional.of("W/\"" + before.body().get("version").asLong() + "\""));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(adminJson.put("/resources/account/policies/json", "{\"passwordMinLength\":11}",
                Optional.of("W/\"" + before.body().get("version").asLong() + "\"")).status()).isEqualTo(412);
        assertThat(user.post("/resources/me/password",
                "{\"currentPassword\":\"Json-Policy-77\",\"newPassword\":\"Json-Policy-77\"}").status())
                .as("the history refuses the current password").isEqualTo(400);
        assertThat(user.post("/resources/me/password",
                "{\"currentPassword\":\"Json-Policy-77\",\"newPassword\":\"3f9a0c7be2\"}").status()).isEqualTo(204);
        assertThat(locator).isNotEmpty();
    }

    @Test
    void anExpiredPasswordOnTheJsonFaceAsksForAChange() {
        JsonClient.Reply before = adminJson.get("/resources/account/policies/json");
        assertThat(adminJson.put("/resources/account/policies/json", "{\"passwordExpiryDays\":10}",
                Optional.of("W/\"" + before.body().get("version").asLong() + "\"")).status()).isEqualTo(200);
        assertThat(adminJson.post("/auth/users", "{\"firstName\":\"E\",\"lastName\":\"X\",\"userName\":"
                + "\"json.expiry@example.com\",\"password\":\"Json-Expiry-77\",\"temporaryPassword\":false}").status())
                .isEqualTo(201);
        server.clock().advance(Duration.ofDays(11));
        try {
            JsonClient j = new JsonClient(server.baseUrl());
            JsonClient.Reply login = j.post("/resources/auth/login",
                    "{\"login\":\"json.expiry@example.com\",\"password\":\"Json-Expiry-77\"}");
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.body().get("passwordChangeRequired").asBoolean()).isTrue();
        } finally {
            server.clock().advance(Duration.ofDays(-11));
        }
    }

    private static void jsonPolicy(String body) {
        JsonClient.Reply r = adminJson.put("/resources/account/policies/json", body, Optional.empty());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    private static JsonClient.Reply changeOwn(JsonClient user, String current, String next) {
        return user.post("/resources/me/password", "{\"currentPassword\":" + JsonClient.q(current)
                + ",\"newPassword\":" + JsonClient.q(next) + "}");
    }

    @Test
    void eachRuleOfTheJsonPolicyIsEnforcedOnTheJsonFace() {
        assertThat(adminJson.post("/auth/users", "{\"firstName\":\"R\",\"lastName\":\"J\",\"userName\":"
                + "\"json.rules@example.com\",\"password\":\"Json-Rules-Start-1\",\"temporaryPassword\":false}")
                .status()).isEqualTo(201);
        JsonClient user = JsonClient.loggedIn(server, "json.rules@example.com", "Json-Rules-Start-1");
        String current = "Json-Rules-Start-1";
        // The defaults: length, capital, lower-case, digit, common.
        for (String bad : new String[]{"Sh0rt", "no-capital-99", "NO-LOWER-99", "No-Digits-Here", "Password123"}) {
            JsonClient.Reply r = changeOwn(user, current, bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.errorCode()).as(bad).isEqualTo("WEAK_PASSWORD");
        }
        jsonPolicy("{\"passwordSpecialCharacters\":\"%\"}");
        assertThat(changeOwn(user, current, "No-Percent-Sign-7").status()).isEqualTo(400);
        assertThat(changeOwn(user, current, "With%Percent-7x").status()).isEqualTo(204);
        current = "With%Percent-7x";
        jsonPolicy("{\"passwordMaxLength\":12}");
        JsonClient.Reply tooLong = changeOwn(user, current, "Far%Too-Long-Now-7");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().path("error").path("details").get(0).path("reason").asText()).isEqualTo("range");
    }

    @Test
    void withLoginIsEmailOnTheJsonFaceAUserNameOtherThanTheEmailIsRefused() {
        jsonPolicy("{\"loginIsEmail\":true}");
        JsonClient.Reply r = adminJson.post("/auth/users", "{\"firstName\":\"L\",\"lastName\":\"E\",\"userName\":"
                + "\"login.one@example.com\",\"email\":\"other.one@example.com\",\"password\":\"Login-Email-77\","
                + "\"temporaryPassword\":false}");
        assertThat(r.status()).as(r.raw()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
        // The XML face has its own policy, still off.
        ok(admin.call("principal-update", "type", "user", "has-children", "0", "login", "xml.login", "first-name", "X",
                "last-name", "L", "email", "xml.login@example.com"));
    }
}
