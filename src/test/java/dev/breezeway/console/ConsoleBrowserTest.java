package dev.breezeway.console;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Browser;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console at {@code /admin/} in a real headless Chromium: an administrator's day from sign-in to sign-out, what
 * a plain user sees, the phone width, and that another site cannot use the console's cookie. The screenshots of
 * the README come from these runs ({@code target/screenshots}).
 */
class ConsoleBrowserTest {
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

    private static By css(String selector) {
        return By.cssSelector(selector);
    }

    private static void signIn(Browser b, String login, String password) {
        b.open(server.baseUrl() + "/");
        b.type(css("#sign-in [name=login]"), login);
        b.type(css("#sign-in [name=password]"), password);
        b.click(css("#sign-in button[type=submit]"));
        b.visible(css("#whoami-name"));
    }

    private static void go(Browser b, String hash) {
        b.open(server.baseUrl() + "/admin/#/" + hash);
    }

    private static List<String> texts(Browser b, String selector) {
        return b.driver().findElements(css(selector)).stream().map(WebElement::getText).toList();
    }

    @Test
    void anAdministratorsDayFromSignInToSignOut() {
        try (Browser b = new Browser()) {
            b.open(server.baseUrl() + "/");
            assertThat(b.driver().getCurrentUrl()).isEqualTo(server.baseUrl() + "/admin/");
            b.visible(css("#sign-in"));
            b.screenshot("sign-in");
            b.type(css("#sign-in [name=login]"), TestServer.ADMIN_LOGIN);
            b.type(css("#sign-in [name=password]"), "wrong-password");
            b.click(css("#sign-in button[type=submit]"));
            assertThat(b.withText(css("#sign-in .form-error"), "Wrong login or password").getText()).isNotEmpty();
            signIn(b, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
            assertThat(texts(b, "#nav a")).contains("Users and groups", "Custom fields", "Policies", "Roles",
                    "API clients", "Login locks", "Audit trail", "My account");

            // A group and a user, created in the forms.
            go(b, "new/group");
            b.type(css("#create [name=name]"), "Night shift");
            b.type(css("#create [name=description]"), "Works at night");
            b.click(css("#create button[type=submit]"));
            b.withText(css("main h1"), "Night shift");
            go(b, "new/user");
            fillUser(b, "dora@example.com", "Dora-Pass-1234");
            b.withText(css("main h1"), "Dora Night");
            String doraId = b.driver().getCurrentUrl().replaceAll(".*#/principal/", "");

            // The same login again: the error is written next to the login field.
            go(b, "new/user");
            fillUser(b, "dora@example.com", "Dora-Pass-1234");
            WebElement error = b.withText(css("#create .error[data-for=login]"), "Already taken.");
            assertThat(error.getText()).isEqualTo("Already taken.");
            assertThat(b.driver().findElement(css("#create [name=login]")).getAttribute("aria-invalid")).isEqualTo("true");

            // Found by name, opened with the keyboard.
            go(b, "principals");
            b.type(css("#search [name=q]"), "Dora");
            b.click(css("#search button[type=submit]"));
            WebElement row = b.withText(css("main table tbody tr"), "Dora Night");
            assertThat(texts(b, "main table tbody tr")).hasSize(1);
            b.screenshot("users");
            row.sendKeys(Keys.ENTER);
            b.withText(css("main h1"), "Dora Night");

            // Into the group.
            b.type(css("#add-to-group [name=q]"), "Night");
            b.click(css("#add-to-group button[type=submit]"));
            b.click(css("button[aria-label='Add Night shift']"));
            b.withText(css("#member-of"), "Night shift");
            String members = server.admin().call("principal-list", "group-id", groupId("Night shift"), "filter-is-member", "true");
            assertThat(xpath(members, "//principal/login")).isEqualTo("dora@example.com");

            // A temporary password shown once; it logs in.
            b.click(css("#reset-show"));
            String temporary = b.visible(css("[data-secret]")).getText();
            assertThat(temporary).hasSizeGreaterThanOrEqualTo(12);
            BreezeClient dora = server.client();
            assertThat(status(dora.call("login", "login", "dora@example.com", "password", temporary))).isEqualTo("ok");

            // Suspended: the badge, the server's state, and the session just opened is over.
            b.click(css("#suspend"));
            b.visible(css("#suspended"));
            b.screenshot("user");
            assertThat(xpath(server.admin().call("principal-modern-info", "principal-id", doraId),
                    "//principal-modern/@suspended-at")).isNotEmpty();
            assertThat(xpath(dora.call("common-info"), "count(//common/user)")).isEqualTo("0");

            // All of it in the audit trail.
            go(b, "audit?object=dora");
            b.withText(css("main table tbody"), "principal.suspend");
            Set<String> kinds = b.driver().findElements(css("main table tbody tr td:nth-child(2)")).stream()
                    .map(WebElement::getText).collect(Collectors.toSet());
            assertThat(kinds).contains("principal.create", "membership.add", "credentials.reset", "principal.suspend");
            assertThat(b.driver().findElement(css("main")).getText()).doesNotContain("null").doesNotContain("undefined");
            b.screenshot("audit");

            go(b, "roles");
            b.visible(css("#new-role"));
            b.screenshot("roles");

            // Sign out: the console is back at its sign-in and the session is over.
            b.click(css("#sign-out"));
            b.visible(css("#sign-in"));
            b.driver().navigate().refresh();
            b.visible(css("#sign-in"));
            assertThat(b.driver().findElements(css("#nav a")).stream().filter(WebElement::isDisplayed)).isEmpty();
        }
    }

    private static void fillUser(Browser b, String login, String password) {
        b.type(css("#create [name=login]"), login);
        b.type(css("#create [name=first-name]"), "Dora");
        b.type(css("#create [name=last-name]"), "Night");
        b.type(css("#create [name=email]"), login);
        b.type(css("#create [name=password]"), password);
        b.click(css("#create button[type=submit]"));
    }

    private static String groupId(String name) {
        String xml = server.admin().call("principal-list", "filter-name", name, "filter-type", "group");
        return xpath(xml, "//principal/@principal-id");
    }

    @Test
    void aPlainUserSeesOnlyWhatItMayAndTheServerRefusesTheRest() {
        dir.user("paul@example.com", "Paul", "Plain");
        String other = dir.user("olga@example.com", "Olga", "Other");
        String provider = server.admin().call("sso-provider-update", "slug", "corp", "name", "Corp login",
                "issuer", "http://127.0.0.1:9/corp", "client-id", "breezeway", "client-secret", "s3cret");
        assertThat(status(provider)).as(provider).isEqualTo("ok");
        try (Browser b = new Browser()) {
            b.open(server.baseUrl() + "/admin/");
            WebElement sso = b.withText(css("#sso"), "Corp login").findElement(By.linkText("Corp login"));
            assertThat(sso.getAttribute("href")).isEqualTo(server.baseUrl() + "/sso/corp/login?return=%2Fadmin%2F");
            signIn(b, "paul@example.com", Directory.USER_PASSWORD);
            Set<String> sections = b.driver().findElements(css("#nav a")).stream()
                    .map(a -> a.getAttribute("data-path")).collect(Collectors.toSet());
            assertThat(sections).contains("me").doesNotContain("audit", "roles", "clients", "locks", "fields", "policy");
            go(b, "audit");
            b.until(d -> d.getCurrentUrl().endsWith("#/" + (sections.contains("principals") ? "principals" : "me")));
            b.visible(css("main h1"));
            assertThat(b.driver().findElements(css("main h1")).stream().map(WebElement::getText)).doesNotContain("Audit trail");

            if (sections.contains("principals")) {  // the directory, without the pages of others
                go(b, "principals");
                b.visible(css("main table tbody tr"));
                assertThat(b.driver().findElements(css("main table a, main table tr[tabindex]"))).isEmpty();
                assertThat(b.driver().findElements(css("main a[href='#/new/user']"))).isEmpty();
            }
            go(b, "principal/" + other);
            b.withText(css("main h1"), "Not allowed");
            assertThat(b.driver().findElements(css("#edit, #suspend, #reset-show, #delete, #add-to-group"))).isEmpty();

            // What the page does not offer, the server refuses too (the cookie session, from this origin).
            Object reply = b.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch('/api/xml', {method: 'POST', body: new URLSearchParams({action: 'principals-delete',"
                    + " 'principal-id': '" + other + "'})}).then(r => r.text()).then(done);");
            assertThat(status(reply.toString())).isEqualTo("no-access");
            go(b, "me");
            b.withText(css("main h1"), "My account");
            b.screenshot("plain-user");
        }
        assertThat(status(server.admin().call("principal-info", "principal-id", other))).isEqualTo("ok");
    }

    @Test
    void theAccountsSettingsWorkFromTheirSections() {
        String user = dir.user("fran@example.com", "Fran", "Fields");
        BreezeClient locked = server.client();
        for (int i = 0; i < 6; i++) {
            locked.call("login", "login", "lockme@example.com", "password", "wrong");
        }
        try (Browser b = new Browser()) {
            signIn(b, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);

            go(b, "fields");
            b.type(css("#new-field [name=name]"), "Badge");
            b.click(css("#new-field button[type=submit]"));
            b.withText(css("main table"), "Badge");
            String fieldId = xpath(server.admin().call("custom-fields"), "//field[name='Badge']/@field-id");
            go(b, "principal/" + user);
            b.type(css("#custom-values [name='x-" + fieldId + "']"), "B-7");
            b.click(css("#custom-values button[type=submit]"));
            b.withText(css("#toast"), "Saved.");
            assertThat(xpath(server.admin().call("acl-field-info", "acl-id", user, "filter-field-id", fieldId),
                    "//field/value")).isEqualTo("B-7");

            go(b, "policy");
            b.type(css("#policy-xml [name=password-min-length]"), "8");
            b.click(css("#policy-xml button[type=submit]"));
            b.withText(css("#toast"), "The policy is saved.");
            assertThat(xpath(server.admin().call("account-policy-info", "face", "xml"),
                    "//account-policy/@password-min-length")).isEqualTo("8");

            go(b, "roles");
            b.type(css("#new-role [name=name]"), "auditors");
            b.click(css("#new-role input[name='perm:audit:read']"));
            b.click(css("#new-role button[type=submit]"));
            b.visible(css("#edit-role"));
            assertThat(xpath(server.admin().call("role-info", "role", "auditors"), "//permission")).isEqualTo("audit:read");

            go(b, "clients");
            b.type(css("#new-client [name=name]"), "Billing");
            b.click(css("#new-client button[type=submit]"));
            String first = b.visible(css("#client-secret [data-secret]")).getText();
            assertThat(first).hasSizeGreaterThanOrEqualTo(32);
            b.click(css("button[aria-label='Rotate the secret of Billing']"));
            b.until(d -> !d.findElement(css("#client-secret [data-secret]")).getText().equals(first));
            b.click(css("button[aria-label='Revoke Billing']"));
            b.driver().switchTo().alert().accept();
            b.withText(css("main table"), "No API client yet.");

            go(b, "locks");
            b.withText(css("main table"), "lockme@example.com");
            b.click(css("button[aria-label='Clear the lock of lockme@example.com']"));
            b.withText(css("main table"), "Nobody is locked out.");
            assertThat(xpath(server.admin().call("login-lock-list"), "count(//lock)")).isEqualTo("0");

            go(b, "me");
            b.withText(css("main h1"), "My account");
            assertThat(b.driver().findElement(css("main")).getText()).doesNotContain("null").doesNotContain("undefined");
        } finally {
            server.admin().call("account-policy-update", "face", "xml", "password-min-length", "4");
        }
    }

    @Test
    void aTemporaryPasswordLeadsToChoosingOneBeforeAnythingElse() {
        String id = dir.user("tess@example.com", "Tess", "Temporary");
        String reset = server.admin().call("principal-password-reset", "principal-id", id);
        String temporary = xpath(reset, "/results/password");
        try (Browser b = new Browser()) {
            b.open(server.baseUrl() + "/admin/");
            b.type(css("#sign-in [name=login]"), "tess@example.com");
            b.type(css("#sign-in [name=password]"), temporary);
            b.click(css("#sign-in button[type=submit]"));
            b.visible(css("#new-password"));
            assertThat(b.driver().findElement(css("#nav")).isDisplayed()).isFalse();
            b.type(css("#new-password [name=password]"), "Tess-Own-2468");
            b.type(css("#new-password [name=password-verify]"), "Tess-Own-2468");
            b.click(css("#new-password button[type=submit]"));
            b.withText(css("#whoami-name"), "tess@example.com");
        }
        BreezeClient tess = server.client();
        assertThat(status(tess.call("login", "login", "tess@example.com", "password", "Tess-Own-2468"))).isEqualTo("ok");
    }

    @Test
    void atPhoneWidthTheMenuFoldsAndNothingScrollsSideways() {
        try (Browser b = new Browser()) {
            b.size(390, 844);
            signIn(b, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
            go(b, "principals");
            b.visible(css("main table"));
            WebElement toggle = b.visible(css("#menu-toggle"));
            assertThat(b.driver().findElement(css("#nav")).isDisplayed()).isFalse();
            toggle.click();
            assertThat(b.visible(css("#nav")).isDisplayed()).isTrue();
            Object overflow = b.driver().executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
            b.screenshot("phone");
        }
    }

    @Test
    void anotherSiteCannotUseTheConsolesCookie() {
        try (Browser b = new Browser()) {
            signIn(b, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
            // localhost is another site than 127.0.0.1: a page there sends the browser to the API, with the cookie.
            b.open(server.baseUrl().replace("127.0.0.1", "localhost") + "/admin/");
            b.visible(css("#sign-in"));  // no cookie of its own there
            b.driver().executeScript("location.href = arguments[0];", server.baseUrl()
                    + "/api/xml?action=principal-update&type=group&has-children=1&name=Planted");
            b.until(d -> d.getPageSource().contains("status"));
            assertThat(b.driver().getPageSource()).contains("no-access");
        }
        String xml = server.admin().call("principal-list", "filter-name", "Planted");
        assertThat(xpath(xml, "count(//principal)")).isEqualTo("0");
    }
}
