package dev.breezeway.sso;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in through a real OpenID provider (mock-oauth2-server, over HTTP on its own port): the code flow with PKCE,
 * state and nonce, linking by verified email, just-in-time creation, the session on both faces, logout with the
 * provider's end-session endpoint, and every refusal the issue names, each a page with its reason.
 */
class SsoOidcHttpTest {
    private static final String CLIENT = "breezeway-test";
    private static TestServer server;
    private static MockOAuth2Server provider;
    private static Directory dir;
    private static BreezeClient admin;

    @BeforeAll
    static void start() {
        provider = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(),
                Set.of(), new NettyWrapper()));
        provider.start();
        server = TestServer.start();
        dir = new Directory(server);
        admin = dir.admin();
        provider("corp", "Corp", "link-by-email", "true");
        provider("jit", "Corp JIT", "jit-provision", "true");
        provider("strict", "Strict");
    }

    @AfterAll
    static void stop() {
        server.close();
        provider.shutdown();
    }

    private static void provider(String slug, String name, String... more) {
        List<String> kv = new java.util.ArrayList<>(List.of("slug", slug, "name", name,
                "issuer", provider.issuerUrl(slug).toString(), "client-id", CLIENT, "client-secret", "s3cret-" + slug));
        kv.addAll(List.of(more));
        String xml = admin.call("sso-provider-update", kv.toArray(String[]::new));
        assertThat(status(xml)).as(xml).isEqualTo("ok");
    }

    private static void nextToken(String issuerId, String subject, Map<String, Object> claims) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", null, claims, 3600));
    }

    private static BreezeClient as(String token) {
        BreezeClient c = server.client();
        c.useSession(token);
        return c;
    }

    @Test
    void aVerifiedEmailLinksTheUserAndTheSessionWorksOnBothFaces() {
        String id = dir.user("ada@corp.example", "Ada", "Lovelace");
        nextToken("corp", "sub-ada", Map.of("email", "ada@corp.example", "email_verified", true));
        SsoBrowser b = new SsoBrowser(server.baseUrl());
        URI authorize = b.start("corp");
        assertThat(SsoBrowser.param(authorize, "code_challenge_method")).isEqualTo("S256");
        assertThat(SsoBrowser.param(authorize, "client_id")).isEqualTo(CLIENT);
        assertThat(SsoBrowser.param(authorize, "nonce")).hasSizeGreaterThan(20);
        SsoBrowser.Page done = b.callback(b.authorize(authorize));
        assertThat(done.status()).as(done.body()).isEqualTo(303);
        assertThat(done.location()).contains(SsoServlet.DEFAULT_RETURN);
        assertThat(done.headers().allValues("set-cookie")).anyMatch(c -> c.startsWith("BREEZESESSION=")
                && c.contains(";HttpOnly;path=/"));
        String token = b.session.orElseThrow();

        String info = as(token).call("common-info");
        assertThat(xpath(info, "/results/common/user/@user-id")).isEqualTo(id);
        String sessions = as(token).call("session-list");
        assertThat(xpath(sessions, "//session/@type")).as(sessions).isEqualTo("sso");
        assertThat(xpath(sessions, "//session/@client-id")).isEqualTo("corp");
        assertThat(xpath(sessions, "//session/@client-name")).isEqualTo("Corp");
        JsonClient json = new JsonClient(server.baseUrl());
        json.useToken(token);
        JsonClient.Reply me = json.get("/resources/me");
        assertThat(me.status()).as(me.raw()).isEqualTo(200);
        assertThat(me.raw()).contains("ada@corp.example");
        JsonClient.Reply listed = json.get("/resources/iam/principals/" + me.body().get("id").asText() + "/sessions");
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        assertThat(listed.raw()).contains("\"type\":\"sso\"").contains("\"clientId\":\"corp\"")
                .contains("\"clientName\":\"Corp\"");

        String linked = admin.call("audit-event-list", "filter-kind", "sso.link", "filter-object-id", id);
        assertThat(xpath(linked, "count(//event)")).as(linked).isEqualTo("1");
        // The next sign-in finds her by the link, whatever the token says of email.
        nextToken("corp", "sub-ada", Map.of());
        String again = new SsoBrowser(server.baseUrl()).signIn("corp");
        assertThat(xpath(as(again).call("common-info"), "/results/common/user/@user-id")).isEqualTo(id);
    }

    @Test
    void anUnverifiedEmailLinksNobody() {
        dir.user("bob@corp.example", "Bob", "Builder");
        nextToken("corp", "sub-bob", Map.of("email", "bob@corp.example", "email_verified", false));
        SsoBrowser b = new SsoBrowser(server.baseUrl());
        SsoBrowser.Page p = b.callback(b.authorize(b.start("corp")));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.reason()).isEqualTo("unknown-user");
        assertThat(p.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void justInTimeProvisioningCreatesAnSsoOnlyUser() {
        nextToken("jit", "sub-grace", Map.of("email", "grace@corp.example", "email_verified", true,
                "given_name", "Grace", "family_name", "Hopper"));
        String token = new SsoBrowser(server.baseUrl()).signIn("jit");
        String info = as(token).call("common-info");
        assertThat(xpath(info, "/results/common/user/login")).isEqualTo("grace@corp.example");
        assertThat(xpath(info, "/results/common/user/name")).isEqualTo("Grace Hopper");
        String id = xpath(info, "/results/common/user/@user-id");

        JsonClient json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        String uuid = json.get("/resources/iam/principals?filter=grace").raw();
        assertThat(uuid).contains("grace@corp.example");
        // SSO-only: no password works, and the next sign-in finds the same user.
        String login = server.client().call("login", "login", "grace@corp.example", "password", "anything-1A!");
        assertThat(status(login)).isEqualTo("no-data");
        nextToken("jit", "sub-grace", Map.of());
        String again = new SsoBrowser(server.baseUrl()).signIn("jit");
        assertThat(xpath(as(again).call("common-info"), "/results/common/user/@user-id")).isEqualTo(id);
    }

    @Test
    void withoutLinkingOrProvisioningAnUnknownSubjectIsRefused() {
        SsoBrowser b = new SsoBrowser(server.baseUrl());
        SsoBrowser.Page p = b.callback(b.authorize(b.start("strict")));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.reason()).isEqualTo("unknown-user");
        assertThat(b.session).isEmpty();
    }

    @Test
    void aWrongStateIsRefused() {
        SsoBrowser b = new SsoBrowser(server.baseUrl());
        URI back = b.authorize(b.start("corp"));
        SsoBrowser.Page p = b.callback(SsoBrowser.withParam(back, "state", "forged-state-value-0123456789"));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.reason()).isEqualTo("state-unknown");
    }

    @Test
    void badRequestsGetTheirPagesNeverAStackTrace() {
        SsoBrowser b = new SsoBrowser(server.baseUrl());
        SsoBrowser.Page unknown = b.get(URI.create(server.baseUrl() + "/sso/nobody/login"), Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.reason()).isEqualTo("unknown-provider");
        SsoBrowser.Page noState = b.callback("/sso/corp/callback?code=abc");
        assertThat(noState.status()).isEqualTo(400);
        assertThat(noState.reason()).isEqualTo("state-unknown");
        SsoBrowser.Page junk = b.callback("/sso/corp/callback?state=%3Cscript%3E&code=%00");
        assertThat(junk.reason()).isEqualTo("state-unknown");
        assertThat(junk.body()).doesNotContain("<script>");
        // The provider says no (the user cancelled): the state is used up and the page says so.
        URI back = b.authorize(b.start("corp"));
        SsoBrowser.Page cancelled = b.callback("/sso/corp/callback?error=access_denied&state="
                + SsoBrowser.param(back, "state"));
        assertThat(cancelled.reason()).isEqualTo("provider-refused");
        assertThat(b.callback(back).reason()).isEqualTo("replayed");
    }

    @Test
    void theReturnPathMustBeOnThisServer() {
        dir.user("fran@corp.example", "Fran", "Allen");
        nextToken("corp", "sub-fran", Map.of("email", "fran@corp.example", "email_verified", true));
        SsoBrowser b = new SsoBrowser(server.baseUrl());
        SsoBrowser.Page start = b.get(URI.create(server.baseUrl() + "/sso/corp/login?return=//evil.example/x"),
                Map.of());
        SsoBrowser.Page done = b.callback(b.authorize(URI.create(start.location().orElseThrow())));
        assertThat(done.location()).contains(SsoServlet.DEFAULT_RETURN);
        nextToken("corp", "sub-fran", Map.of());
        SsoBrowser c = new SsoBrowser(server.baseUrl());
        SsoBrowser.Page own = c.get(URI.create(server.baseUrl() + "/sso/corp/login?return=/resources/me"), Map.of());
        assertThat(c.callback(c.authorize(URI.create(own.location().orElseThrow()))).location())
                .contains("/resources/me");
    }

    @Test
    void aCallbackInAnotherBrowserIsRefused() {
        SsoBrowser b = new SsoBrowser(server.baseUrl());
        URI back = b.authorize(b.start("corp"));
        SsoBrowser other = new SsoBrowser(server.baseUrl());
        SsoBrowser.Page p = other.callback(back);
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.reason()).isEqualTo("other-browser");
    }

    @Test
    void aReplayedCallbackIsRefused() {
        dir.user("carol@corp.example", "Carol", "Shaw");
        nextToken("corp", "sub-carol", Map.of("email", "carol@corp.example", "email_verified", true));
        SsoBrowser b = new SsoBrowser(server.baseUrl());
        URI back = b.authorize(b.start("corp"));
        assertThat(b.callback(back).status()).isEqualTo(303);
        SsoBrowser.Page replay = b.callback(back);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.reason()).isEqualTo("replayed");
    }

    @Test
    void aTokenWithAnotherNonceIsRefused() {
        SsoBrowser b = new SsoBrowser(server.baseUrl());
        URI authorize = SsoBrowser.withParam(b.start("corp"), "nonce", "someone-elses-nonce");
        SsoBrowser.Page p = b.callback(b.authorize(authorize));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.reason()).isEqualTo("nonce-mismatch");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        assertThat(rogue(RogueProvider.Lie.EXPIRED, "late")).isEqualTo("token-expired");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        assertThat(rogue(RogueProvider.Lie.OTHER_AUDIENCE, "aud")).isEqualTo("wrong-audience");
    }

    @Test
    void aTokenSignedByAnUnknownKeyIsRefused() throws Exception {
        assertThat(rogue(RogueProvider.Lie.FOREIGN_KEY, "forged")).isEqualTo("bad-signature");
    }

    /** Signs in with a provider telling {@code lie} (it provisions anyone, so only the token can refuse). */
    private static String rogue(RogueProvider.Lie lie, String slug) throws Exception {
        try (RogueProvider rogue = new RogueProvider(CLIENT, lie)) {
            String xml = admin.call("sso-provider-update", "slug", slug, "name", "Rogue", "issuer",
                    rogue.issuer(), "client-id", CLIENT, "jit-provision", "true");
            assertThat(status(xml)).as(xml).isEqualTo("ok");
            SsoBrowser b = new SsoBrowser(server.baseUrl());
            URI authorize = b.start(slug);
            rogue.nonce = SsoBrowser.param(authorize, "nonce");
            String state = SsoBrowser.param(authorize, "state");
            SsoBrowser.Page p = b.callback("/sso/" + slug + "/callback?code=any-code&state=" + state);
            assertThat(p.status()).as(p.body()).isEqualTo(400);
            assertThat(b.session).isEmpty();
            assertThat(status(admin.call("sso-provider-delete", "slug", slug))).isEqualTo("ok");
            return p.reason();
        }
    }

    @Test
    void logoutEndsTheSessionAndGoesToTheProvidersLogout() {
        dir.user("dan@corp.example", "Dan", "Bricklin");
        nextToken("corp", "sub-dan", Map.of("email", "dan@corp.example", "email_verified", true));
        SsoBrowser b = new SsoBrowser(server.baseUrl());
        String token = b.signIn("corp");
        SsoBrowser.Page out = b.logout();
        assertThat(out.status()).isEqualTo(303);
        URI next = URI.create(out.location().orElseThrow());
        assertThat(next.toString()).startsWith(provider.endSessionEndpointUrl("corp").toString());
        assertThat(SsoBrowser.param(next, "client_id")).isEqualTo(CLIENT);
        assertThat(SsoBrowser.param(next, "post_logout_redirect_uri")).endsWith("/sso/logged-out");
        String info = as(token).call("common-info");
        assertThat(xpath(info, "count(/results/common/user)")).isEqualTo("0");
    }

    @Test
    void providersAreAdministeredOnBothFacesWithTheSecretEncrypted() throws Exception {
        String list = admin.call("sso-provider-list");
        assertThat(xpath(list, "count(/results/sso-providers/provider[@slug='corp'])")).isEqualTo("1");
        String info = admin.call("sso-provider-info", "slug", "corp");
        assertThat(xpath(info, "/results/sso-provider/@has-secret")).isEqualTo("true");
        assertThat(xpath(info, "/results/sso-provider/@link-by-email")).isEqualTo("true");
        assertThat(xpath(info, "/results/sso-provider/login-url")).isEqualTo("/sso/corp/login");
        assertThat(info).doesNotContain("s3cret");
        JsonClient json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        JsonClient.Reply r = json.get("/resources/sso/providers/corp");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("hasSecret").asBoolean()).isTrue();
        assertThat(r.raw()).doesNotContain("s3cret");
        try (Statement st = server.jdbc().createStatement();
             ResultSet rs = st.executeQuery("SELECT client_secret_enc FROM sso_provider WHERE slug = 'corp'")) {
            assertThat(rs.next()).isTrue();
            assertThat(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        }
        String audit = admin.call("audit-event-list", "filter-kind", "sso-provider.create", "filter-object-id", "corp");
        assertThat(xpath(audit, "count(//event)")).as(audit).isEqualTo("1");
        assertThat(audit).doesNotContain("s3cret");
        String bad = admin.call("sso-provider-update", "slug", "plain", "name", "Plain", "issuer",
                "http://idp.example.com", "client-id", "x");
        assertThat(xpath(bad, "/results/status/invalid/@field")).isEqualTo("issuer");
        String user = dir.plainUser("eve@corp.example").call("sso-provider-list");
        assertThat(status(user)).isEqualTo("no-access");
        String publicList = new SsoBrowser(server.baseUrl()).get(URI.create(server.baseUrl() + "/sso/providers"),
                Map.of()).body();
        assertThat(publicList).contains("\"slug\":\"corp\"").doesNotContain("s3cret").doesNotContain("issuer");
    }
}
