package dev.breezeway.conformance;

import static dev.breezeway.support.Xml.assertSimilar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import dev.breezeway.support.Xml;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may call what: every protected action refuses anonymous callers, every admin action plain users. */
class AccessMatrixHttpTest {
    private static final List<String> LOGGED_IN = List.of("principal-info", "principal-list", "principal-list-by-field",
            "user-update-pwd", "custom-fields", "acl-field-info", "acl-field-list", "principal-modern-info",
            "principal-suspend", "principal-reactivate", "principal-password-reset", "principal-roles-update",
            "principal-acl-update", "principal-access-update", "session-list", "session-revoke");
    private static final List<String> ADMIN = List.of("principal-update", "principals-delete", "group-membership-update",
            "custom-field-update", "custom-fields-delete", "acl-field-update", "permissions-info", "permissions-update",
            "permissions-reset");
    private static TestServer server;
    private static BreezeClient user;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        user = new Directory(server).plainUser("matrix@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> protectedActions() {
        return java.util.stream.Stream.concat(LOGGED_IN.stream(), ADMIN.stream()).toList();
    }

    static List<String> adminActions() {
        return ADMIN;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedActions")
    void anonymousCallerIsNoLogin(String action) {
        assertSimilar("<results><status code=\"no-access\" subcode=\"no-login\"/></results>", server.client().call(action));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminActions")
    void plainUserIsDenied(String action) {
        assertSimilar("<results><status code=\"no-access\" subcode=\"denied\"/></results>", user.call(action));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedActions")
    void administratorGetsPastTheAccessCheck(String action) {
        String status = Xml.status(server.admin().call(action));
        assertThat(status).isNotEqualTo("no-access");
    }
}
