package dev.breezeway.xml.action;

import static dev.breezeway.support.Xml.assertSimilar;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sco-shortcuts: the call clients make to learn whether a reused session is still valid. */
class ScoShortcutsHttpTest {
    private static final String EMPTY = "<results><status code=\"ok\"/><shortcuts/></results>";
    private static final String NO_LOGIN = "<results><status code=\"no-access\" subcode=\"no-login\"/></results>";
    private static TestServer server;
    private static Directory dir;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        dir = new Directory(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aLiveSessionGetsOkWithNoShortcuts() {
        assertSimilar(EMPTY, server.admin().call("sco-shortcuts"));
    }

    @Test
    void aPlainUserGetsOkWithNoShortcutsToo() {
        assertSimilar(EMPTY, dir.plainUser("shortcuts.plain@example.com").call("sco-shortcuts"));
    }

    @Test
    void withoutASessionItIsNoLogin() {
        assertSimilar(NO_LOGIN, server.client().call("sco-shortcuts"));
    }

    @Test
    void anExpiredSessionIsNoLogin() {
        BreezeClient c = server.admin();
        assertSimilar(EMPTY, c.call("sco-shortcuts"));
        server.clock().advance(Duration.ofMinutes(31));
        assertSimilar(NO_LOGIN, c.call("sco-shortcuts"));
    }
}
