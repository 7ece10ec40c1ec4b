package dev.breezeway.access;

import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.breezeway.access.CallerProfile.Face;
import dev.breezeway.access.CallerProfile.Gate;
import dev.breezeway.access.CallerProfile.Standing;
import dev.breezeway.error.Problem;
import dev.breezeway.rest.Router;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import dev.breezeway.xml.ActionRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Who may call what, for every row of both tables: each XML action and each JSON route is called by the
 * ten {@link CallerProfile}s, and the outcome of the gate (or of the feature, for rows whose requirement
 * depends on the target) must be what the row's declared {@link Access} and the profile's declared
 * holdings say. The rows are read from {@code server.app()}, so a new row is covered without editing
 * this class. Calls carry no or dummy parameters: a caller that gets past the gate fails validation or
 * finds nothing, so no cell changes what another cell sees. Target-dependent rows name the caller itself.
 */
class AuthorizationMatrixHttpTest {
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    private static final String NOBODY = UUID.randomUUID().toString();
    private static final String ROLE_DELEGATED = "matrix:delegated";
    private static final String ROLE_CLIENT = "matrix:client";

    private static TestServer server;
    private static BreezeClient admin;
    private static JsonClient adminJson;
    private static final Map<CallerProfile, Caller> CALLERS = new EnumMap<>(CallerProfile.class);
    /** Rows whose call ended the caller's session (it was logged in again): expected only of the logouts. */
    private static final Set<String> ENDED_SESSIONS = new LinkedHashSet<>();

    /** One profile at run time: its current token (none for ANONYMOUS), its ids, and how to log in again. */
    static final class Caller {
        final String label;
        final CallerProfile profile;
        final String principalId;
        final String uuid;
        final Supplier<Optional<String>> login;
        Optional<String> token;

        Caller(CallerProfile profile, String principalId, String uuid, Supplier<Optional<String>> login) {
            this(profile.name(), profile, principalId, uuid, login);
        }

        /** {@code profile} gives the standing used for the calls, {@code label} names the caller in messages. */
        Caller(String label, CallerProfile profile, String principalId, String uuid, Supplier<Optional<String>> login) {
            this.label = label;
            this.profile = profile;
            this.principalId = principalId;
            this.uuid = uuid;
            this.login = login;
            this.token = login.get();
        }
    }

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
        adminJson = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        Directory dir = new Directory(server);

        CALLERS.put(CallerProfile.ANONYMOUS, new Caller(CallerProfile.ANONYMOUS, "0", NOBODY, Optional::empty));
        person(CallerProfile.PLAIN_USER, dir, id -> {
        });
        role(ROLE_DELEGATED, PermissionCatalogue.USERS_READ, PermissionCatalogue.USERS_UPDATE,
                PermissionCatalogue.USERS_PASSWORD_RESET);
        person(CallerProfile.DELEGATED, dir, id -> ok(admin.call("user-roles-update", "principal-id", id,
                "add-role", ROLE_DELEGATED)));
        person(CallerProfile.RANK_ADMIN, dir, id -> ok(admin.call("user-rank-update", "principal-id", id,
                "rank", "ADMIN")));
        person(CallerProfile.RANK_SUPER, dir, id -> ok(admin.call("user-rank-update", "principal-id", id,
                "rank", "SUPER")));
        String admins = dir.builtIn("admins");
        assertThat(admins).isNotEmpty();
        person(CallerProfile.ADMINS_MEMBER, dir, id -> dir.addMember(admins, id));
        suspended(dir);
        temporaryPassword(dir);
        client(CallerProfile.CLIENT_NO_ROLES, Optional.empty());
        role(ROLE_CLIENT, PermissionCatalogue.USERS_LIST, PermissionCatalogue.USERS_CREATE,
                PermissionCatalogue.CLIENTS_READ, PermissionCatalogue.DIRECTORY_LIST);
        client(CallerProfile.CLIENT_WITH_ROLES, Optional.of(ROLE_CLIENT));
        assertThat(CALLERS.keySet()).containsExactlyInAnyOrder(CallerProfile.values());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---------------------------------------------------------------- the matrix

    @TestFactory
    Stream<DynamicNode> everyXmlActionForEveryProfile() {
        return server.app().actions().entries().values().stream().map(e -> dynamicContainer(e.name()
                + " [" + e.access().describe() + "]", Arrays.stream(CallerProfile.values()).map(p ->
                dynamicTest(e.name() + " × " + p, () -> xmlCell(e, CALLERS.get(p))))));
    }

    @TestFactory
    Stream<DynamicNode> everyJsonRouteForEveryProfile() {
        // Reads first, then writes (which carry dummy bodies and fail validation or find nothing).
        List<Router.Route> routes = new ArrayList<>(server.app().router().routes());
        routes.sort(Comparator.comparing(r -> !r.method().equals("GET")));
        return routes.stream().map(r -> dynamicContainer(r.method() + " " + r.template()
                + " [" + r.access().describe() + "]", Arrays.stream(CallerProfile.values()).map(p ->
                dynamicTest(r.method() + " " + r.template() + " × " + p, () -> jsonCell(r, CALLERS.get(p))))));
    }

    private static void xmlCell(ActionRegistry.Entry e, Caller c) {
        Gate expected = c.profile.expected(e.access(), Face.XML, e.duringPasswordChange());
        List<String> kv = new ArrayList<>();
        if (targetsCaller(e.access())) {
            for (String name : List.of("principal-id", "user-id", "acl-id")) {
                kv.add(name);
                kv.add(c.principalId);
            }
        }
        BreezeClient b = server.client();
        c.token.ifPresent(b::useSession);
        String body = b.getRaw(e.name(), kv.toArray(String[]::new)).body();
        keepAlive(c, e.name());
        Gate actual = xmlGate(body);
        assertThat(actual).as("%s × %s (%s): %s", e.name(), c.profile, e.access().describe(), body)
                .isEqualTo(expected);
        assertThat(status(body)).as("%s × %s: %s", e.name(), c.profile, body).isNotEqualTo("internal-error");
    }

    private static void jsonCell(Router.Route r, Caller c) {
        Gate expected = c.profile.expected(r.access(), Face.JSON, r.allowDuringPasswordChange());
        JsonClient.Reply reply = jsonCall(r, c);
        keepAlive(c, r.method() + " " + r.template());
        Gate actual = jsonGate(r, reply);
        assertThat(actual).as("%s %s × %s (%s): %d %s", r.method(), r.template(), c.profile, r.access().describe(),
                reply.status(), reply.raw()).isEqualTo(expected);
        assertThat(reply.status()).as("%s %s × %s: %s", r.method(), r.template(), c.profile, reply.raw())
                .isLessThan(500);
    }

    /** Rows whose requirement the feature decides by target: called with the caller itself as the target. */
    private static boolean targetsCaller(Access a) {
        return switch (a.kind()) {
            case LOGGED_IN, SELF_OR, CREATE_OR_UPDATE, OWNER_OR -> true;
            case ANYONE, PERMISSION, CLIENT -> false;
        };
    }

    /** METHOD path with its templates filled, Bearer token, body {} and If-Match: * for writes. */
    private static JsonClient.Reply jsonCall(Router.Route r, Caller c) {
        boolean self = targetsCaller(r.access());
        Matcher m = TEMPLATE.matcher(r.template());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = self && (name.equals("id") || name.equals("locator")) ? c.uuid
                    : name.equals("username") ? "x" : UUID.randomUUID().toString();
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        if (self && r.plainErrors()) {
            // The seed-004 routes name their target by email_id (a principal id), in the query or the body.
            path.append("?email_id=").append(c.principalId);
        }
        JsonClient j = new JsonClient(server.baseUrl());
        c.token.ifPresent(j::useToken);
        boolean read = r.method().equals("GET") || r.method().equals("DELETE");
        return j.send(r.method(), path.toString(), read ? null : "{}",
                r.method().equals("GET") ? Optional.empty() : Optional.of("*"));
    }

    static Gate xmlGate(String body) {
        if (!"no-access".equals(status(body))) {
            return Gate.PASS;
        }
        String sub = xpath(body, "/results/status/@subcode");
        return switch (sub) {
            case "no-login" -> Gate.NO_LOGIN;
            case "denied" -> Gate.DENIED;
            default -> throw new AssertionError("unexpected no-access subcode: " + body);
        };
    }

    static Gate jsonGate(Router.Route r, JsonClient.Reply reply) {
        if (reply.status() != 401 && reply.status() != 403) {
            return Gate.PASS;
        }
        if (r.plainErrors()) {
            String message = reply.body().path("error").asText();
            if (reply.status() == 401 && message.equals("Authentication required")) {
                return Gate.NO_LOGIN;
            }
            if (reply.status() == 403 && message.equals(Problem.PASSWORD_CHANGE_REQUIRED.message())) {
                return Gate.PASSWORD_CHANGE;
            }
            if (reply.status() == 403 && message.equals("You are not allowed to do this")) {
                return Gate.DENIED;
            }
            return Gate.PASS;
        }
        return switch (reply.errorCode()) {
            case "UNAUTHENTICATED" -> Gate.NO_LOGIN;
            case "FORBIDDEN" -> Gate.DENIED;
            case "PASSWORD_CHANGE_REQUIRED" -> Gate.PASSWORD_CHANGE;
            default -> Gate.PASS;
        };
    }

    /** If the call ended the caller's session (a logout), logs it in again so that later cells see it as before. */
    private static void keepAlive(Caller c, String row) {
        if (c.profile.standing == Standing.NO_SESSION || c.token.isEmpty()) {
            return;
        }
        BreezeClient b = server.client();
        b.useSession(c.token.get());
        String info = b.call("common-info");
        if (xpath(info, "/results/common/user/@user-id").equals(c.principalId)) {
            return;
        }
        synchronized (ENDED_SESSIONS) {
            ENDED_SESSIONS.add(row);
        }
        c.token = c.login.get();
    }

    // ---------------------------------------------------------------- the tables themselves

    @Test
    void everyRowDeclaresItsAccess() {
        List<Access> declared = new ArrayList<>();
        for (ActionRegistry.Entry e : server.app().actions().entries().values()) {
            assertThat(e.access()).as("action %s", e.name()).isNotNull();
            declared.add(e.access());
        }
        for (Router.Route r : server.app().router().routes()) {
            assertThat(r.access()).as("route %s %s", r.method(), r.template()).isNotNull();
            declared.add(r.access());
        }
        for (Access a : declared) {
            switch (a.kind()) {
                case PERMISSION, SELF_OR, OWNER_OR -> assertThat(PermissionCatalogue.ALL).as(a.describe())
                        .contains(a.permission().orElseThrow());
                case CREATE_OR_UPDATE -> assertThat(PermissionCatalogue.ALL).as(a.describe())
                        .contains(a.permission().orElseThrow(), a.otherPermission().orElseThrow());
                case ANYONE, LOGGED_IN, CLIENT -> assertThat(a.permission()).as(a.describe()).isEmpty();
            }
        }
    }

    @Test
    void onlyTheLogoutsEndTheCallersSession() {
        // Every row once more for PLAIN_USER, so the set does not depend on the order of the tests: a cell that
        // ends the session it presented is repaired by keepAlive, and only the two logouts may need that.
        for (ActionRegistry.Entry e : server.app().actions().entries().values()) {
            xmlCell(e, CALLERS.get(CallerProfile.PLAIN_USER));
        }
        for (Router.Route r : server.app().router().routes()) {
            jsonCell(r, CALLERS.get(CallerProfile.PLAIN_USER));
        }
        assertThat(ENDED_SESSIONS).containsExactlyInAnyOrder("logout", "POST /resources/auth/logout");
    }

    // ---------------------------------------------------------------- reports match the checks

    @Test
    void permissionReportsMatchTheChecksForEveryPrincipalKind() {
        List<Caller> persons = new ArrayList<>();
        for (CallerProfile p : CallerProfile.values()) {
            if (p.isLivePerson()) {
                persons.add(CALLERS.get(p));
            }
        }
        for (Caller c : persons) {
            List<String> report = xmlReport(admin.call("user-permissions", "principal-id", c.principalId));
            assertReportMatchesChecks(c, report);
            assertThat(report).as("report of %s", c.profile).containsExactlyInAnyOrderElementsOf(declared(c.profile));
        }
        // A guest is a person too: its report, read like the others', matches its checks.
        Caller guest = guest();
        assertReportMatchesChecks(guest, xmlReport(admin.call("user-permissions", "principal-id", guest.principalId)));
        for (CallerProfile p : List.of(CallerProfile.CLIENT_NO_ROLES, CallerProfile.CLIENT_WITH_ROLES)) {
            Caller c = CALLERS.get(p);
            // An API client is a hidden principal: user-permissions answers no-data and
            // GET /auth/users/{its id}/permissions 404, even to itself. Its checks are compared with its declared holdings.
            assertThat(status(admin.call("user-permissions", "principal-id", c.principalId))).isEqualTo("no-data");
            JsonClient self = new JsonClient(server.baseUrl());
            c.token.ifPresent(self::useToken);
            assertThat(self.get("/auth/users/" + c.uuid + "/permissions").status()).isEqualTo(404);
            assertReportMatchesChecks(c, declared(p));
        }
    }

    /** A guest logs in and holds directory:list like every person, and its report says so. */
    @Test
    void theReportOfAGuestIsReadable() {
        Caller guest = guest();
        assertThat(xmlReport(admin.call("user-permissions", "principal-id", guest.principalId)))
                .containsExactly(PermissionCatalogue.DIRECTORY_LIST);
    }

    /** A guest made with principal-update&type=guest, logged in (asserting that a guest can). */
    private static synchronized Caller guest() {
        String login = "guest@matrix.example.com";
        String found = admin.call("principal-list", "filter-login", login);
        String id = xpath(found, "/results/principal-list/principal/@principal-id");
        if (id.isEmpty()) {
            String created = admin.call("principal-update", "type", "guest", "has-children", "0", "login", login,
                    "first-name", "Matrix", "last-name", "Guest", "email", login, "password", Directory.USER_PASSWORD);
            ok(created);
            id = xpath(created, "/results/principal/@principal-id");
            assertThat(xpath(created, "/results/principal/@type")).isEqualTo("guest");
        }
        Optional<String> token = xmlLogin(login, Directory.USER_PASSWORD);
        assertThat(token).as("a guest logs in").isPresent();
        return new Caller("GUEST", CallerProfile.PLAIN_USER, id, uuidOf(id), () -> token);
    }

    /** For every catalogue permission p: p in the report ⇔ the caller passes the gate of rows requiring p. */
    private static void assertReportMatchesChecks(Caller c, List<String> report) {
        for (String p : PermissionCatalogue.ALL) {
            boolean held = report.contains(p);
            Optional<ActionRegistry.Entry> action = server.app().actions().entries().values().stream()
                    .filter(e -> e.access().equals(Access.permission(p))).findFirst();
            action.ifPresent(e -> {
                BreezeClient b = server.client();
                c.token.ifPresent(b::useSession);
                String body = b.call(e.name());
                assertThat(xmlGate(body) == Gate.PASS).as("%s holds %s per its report %s, so %s: %s", c.label, p,
                        report, e.name(), body).isEqualTo(held);
            });
            for (Router.Route r : server.app().router().routes()) {
                if (r.access().equals(Access.permission(p))) {
                    JsonClient.Reply reply = jsonCall(r, c);
                    assertThat(jsonGate(r, reply) == Gate.PASS).as("%s holds %s per its report %s, so %s %s: %d %s",
                            c.label, p, report, r.method(), r.template(), reply.status(), reply.raw())
                            .isEqualTo(held);
                }
            }
        }
    }

    private static List<String> declared(CallerProfile p) {
        return PermissionCatalogue.ALL.stream().filter(p::holds).toList();
    }

    private static List<String> xmlReport(String xml) {
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        List<String> out = new ArrayList<>();
        int n = count(xml, "/results/permission-list/permission");
        for (int i = 1; i <= n; i++) {
            out.add(xpath(xml, "/results/permission-list/permission[" + i + "]"));
        }
        return out;
    }

    // ---------------------------------------------------------------- set-up over HTTP, as the administrator

    private static void ok(String xml) {
        assertThat(status(xml)).as(xml).isEqualTo("ok");
    }

    private static String loginOf(CallerProfile p) {
        return p.name().toLowerCase().replace('_', '-') + "@matrix.example.com";
    }

    /** A session token from an XML login, or empty if the login fails. */
    private static Optional<String> xmlLogin(String login, String password) {
        BreezeClient b = server.client();
        String body = b.getRaw("login", "login", login, "password", password).body();
        return "ok".equals(status(body)) ? b.session() : Optional.empty();
    }

    private static String uuidOf(String principalId) {
        String xml = admin.call("principal-modern-info", "principal-id", principalId);
        ok(xml);
        return xpath(xml, "/results/principal-modern/@id");
    }

    private static void person(CallerProfile p, Directory dir, java.util.function.Consumer<String> standing) {
        String id = dir.user(loginOf(p), "Matrix", p.name());
        standing.accept(id);
        CALLERS.put(p, new Caller(p, id, uuidOf(id), () -> Optional.of(xmlLogin(loginOf(p), Directory.USER_PASSWORD)
                .orElseThrow(() -> new AssertionError(p + " cannot log in")))));
    }

    private static void suspended(Directory dir) {
        CallerProfile p = CallerProfile.SUSPENDED;
        String id = dir.user(loginOf(p), "Matrix", p.name());
        String uuid = uuidOf(id);
        String token = xmlLogin(loginOf(p), Directory.USER_PASSWORD).orElseThrow();
        ok(admin.call("principal-suspend", "principal-id", id));
        CALLERS.put(p, new Caller(p, id, uuid, () -> Optional.of(token)));
    }

    private static void temporaryPassword(Directory dir) {
        CallerProfile p = CallerProfile.TEMP_PASSWORD;
        String id = dir.user(loginOf(p), "Matrix", p.name());
        // A temporary password logs in once: each new session of the profile comes with a fresh reset.
        CALLERS.put(p, new Caller(p, id, uuidOf(id), () -> {
            String reset = admin.call("principal-password-reset", "principal-id", id);
            ok(reset);
            String temporary = xpath(reset, "/results/password");
            assertThat(temporary).isNotEmpty();
            return Optional.of(xmlLogin(loginOf(p), temporary)
                    .orElseThrow(() -> new AssertionError(p + " cannot log in with its temporary password")));
        }));
    }

    private static void role(String name, String... permissions) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < permissions.length; i++) {
            list.append(i == 0 ? "" : ",").append(JsonClient.q(permissions[i]));
        }
        JsonClient.Reply r = adminJson.post("/auth/roles", "{\"name\":" + JsonClient.q(name)
                + ",\"description\":\"matrix\",\"permissions\":" + list.append(']') + "}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    private static void client(CallerProfile p, Optional<String> role) {
        String created = admin.call("client-create", "name", "matrix " + p.name());
        ok(created);
        String clientId = xpath(created, "/results/client/@client-id");
        String secret = xpath(created, "/results/client/secret");
        role.ifPresent(r -> ok(admin.call("client-roles-update", "client-id", clientId, "role", r)));
        Supplier<Optional<String>> token = () -> {
            JsonClient.Reply t = new JsonClient(server.baseUrl()).post("/v1/admin/token", "{\"client_id\":"
                    + JsonClient.q(clientId) + ",\"client_secret\":" + JsonClient.q(secret) + ",\"type\":\"client\"}");
            assertThat(t.status()).as(t.raw()).isEqualTo(200);
            return Optional.of(t.body().get("client_token").asText());
        };
        String first = token.get().orElseThrow();
        BreezeClient b = server.client();
        b.useSession(first);
        String principalId = xpath(b.call("common-info"), "/results/common/user/@user-id");
        assertThat(principalId).as("the client's principal-id").isNotEmpty();
        JsonClient self = new JsonClient(server.baseUrl());
        self.useToken(first);
        JsonClient.Reply me = self.get("/resources/me");
        String uuid = me.status() == 200 ? me.body().path("id").asText() : uuidOf(principalId);
        CALLERS.put(p, new Caller(p, principalId, uuid, token));
    }
}
