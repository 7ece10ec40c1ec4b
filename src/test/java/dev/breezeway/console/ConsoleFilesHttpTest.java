package dev.breezeway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.http.StaticPageServlet;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the console is made of: its files only, under a policy without inline script; nothing from elsewhere; and
 * only actions of the XML API that the README's action table lists.
 */
class ConsoleFilesHttpTest {
    private static final List<String> FILES = List.of("index.html", "console.css", "api.js", "ui.js", "app.js",
            "people.js", "settings.js", "audit.js");
    private static final Path README = Path.of(System.getProperty("user.dir"), "README.md");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String get(String path) {
        return server.client().rawHttp("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    private static String headers(String raw) {
        return raw.substring(0, raw.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
    }

    private static String source(String name) throws IOException {
        try (InputStream in = ConsoleFilesHttpTest.class.getResourceAsStream("/web/admin/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyFileIsServedUnderAPolicyThatForbidsInlineScript() {
        for (String name : FILES) {
            String raw = get("/admin/" + name);
            assertThat(raw).as(name).startsWith("HTTP/1.1 200");
            assertThat(headers(raw)).as(name)
                    .contains("content-security-policy: " + StaticPageServlet.STRICT_POLICY.toLowerCase(Locale.ROOT))
                    .contains("x-content-type-options: nosniff").contains("x-frame-options: deny");
        }
        assertThat(StaticPageServlet.STRICT_POLICY).contains("script-src 'self'").doesNotContain("unsafe");
        assertThat(headers(get("/admin/app.js"))).contains("content-type: text/javascript");
        assertThat(headers(get("/admin/console.css"))).contains("content-type: text/css");
        assertThat(get("/admin/")).startsWith("HTTP/1.1 200").contains("<script type=\"module\" src=\"/admin/app.js\">");
    }

    @Test
    void theRootAndTheBareFolderLeadToTheConsoleAndNothingElseIsThere() {
        String root = get("/");
        assertThat(root).startsWith("HTTP/1.1 302");
        assertThat(headers(root)).containsPattern("location: (http://localhost)?/admin/\r?\n");
        String bare = get("/admin");
        assertThat(bare).startsWith("HTTP/1.1 302");
        assertThat(headers(bare)).containsPattern("location: (http://localhost)?/admin/\r?\n");
        for (String path : new String[] {"/admin/nope.js", "/admin/../App.class", "/admin/WEB-INF/web.xml",
                "/admin/index.html/x"}) {
            String raw = get(path);
            assertThat(raw).as(path).matches("(?s)HTTP/1.1 (400|404).*");
        }
        assertThat(BreezeClient.bodyOf(get("/admin/nope.js")))
                .isEqualTo("{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"No such resource\"}}");
    }

    @Test
    void nothingComesFromElsewhereAndNoScriptIsInline() throws IOException {
        String page = source("index.html");
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=").doesNotContain("<style");
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(page);
        while (refs.find()) {
            assertThat(refs.group(1)).as("a reference of index.html").matches("/admin/[a-z.]+|#/");
        }
        for (String name : FILES) {
            assertThat(source(name)).as(name).doesNotContainPattern("https?://").doesNotContain("innerHTML")
                    .doesNotContain("eval(");
        }
    }

    @Test
    void theConsoleCallsOnlyActionsOfTheReadmesActionTable() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Set<String> used = new TreeSet<>();
        Pattern call = Pattern.compile("\\bcall\\('([a-z-]+)'");
        for (String name : FILES) {
            Matcher m = call.matcher(source(name));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).contains("login", "logout", "common-info", "principal-list", "principal-update",
                "group-membership-update", "principal-password-reset", "principal-suspend", "audit-event-list");
        List<String> missing = new ArrayList<>();
        for (String action : used) {
            boolean row = Pattern.compile("\n\\| `" + Pattern.quote(action) + "` [|(·]").matcher(readme).find();
            if (!row || !server.app().actions().entries().containsKey(action)) {
                missing.add(action);
            }
        }
        assertThat(missing).as("actions the console calls that the README's table or the server lacks").isEmpty();
        // Its only other request is the list of sign-in providers, a page of the single sign-on.
        for (String name : FILES) {
            Matcher fetches = Pattern.compile("fetch\\('([^']*)'").matcher(source(name));
            while (fetches.find()) {
                assertThat(fetches.group(1)).as(name).isIn("/api/xml", "/sso/providers");
            }
        }
    }
}
