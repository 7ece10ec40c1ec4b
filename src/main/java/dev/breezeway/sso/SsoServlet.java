package dev.breezeway.sso;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breezeway.access.Access;
import dev.breezeway.http.SessionCookie;
import dev.breezeway.session.Session;
import dev.breezeway.session.SessionService;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser's side of single sign-on, under {@code /sso}: every route here is open to anyone (a sign-in starts
 * without a session), as {@link #ROUTES} declares.
 * <ul>
 *   <li>{@code GET /sso/providers}: the enabled providers, {@code [{"slug","name","login"}]};</li>
 *   <li>{@code GET /sso/{slug}/login?return=/path}: redirects to the provider, with a cookie binding the sign-in
 *       to this browser;</li>
 *   <li>{@code GET /sso/{slug}/callback}: the provider's answer; opens the session ({@code BREEZESESSION}) and
 *       redirects to the return path, or shows a refusal page (400) with its reason;</li>
 *   <li>{@code GET /sso/logout} a page with a sign-out button, {@code POST /sso/logout} ends the session and
 *       redirects to the provider's logout when it has one (RP-initiated logout), then {@code /sso/logged-out}.</li>
 * </ul>
 */
public final class SsoServlet extends HttpServlet {
    /** The routes and what they require: nothing, a sign-in is how a session starts. */
    public static final Map<String, Access> ROUTES = Map.of(
            "GET /sso/providers", Access.ANYONE,
            "GET /sso/{slug}/login", Access.ANYONE,
            "GET /sso/{slug}/callback", Access.ANYONE,
            "GET /sso/logout", Access.ANYONE,
            "POST /sso/logout", Access.ANYONE,
            "GET /sso/logged-out", Access.ANYONE);
    static final String BROWSER_COOKIE = "BREEZEWAY_SSO";
    /** Where a sign-in goes when it names no return path: the caller's common-info, showing who signed in. */
    static final String DEFAULT_RETURN = "/api/xml?action=common-info";
    private static final Pattern PATH = Pattern.compile("/([a-z0-9][a-z0-9-]{0,63})/(login|callback)");
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SsoServlet.class);
    private final SsoLogin login;
    private final SsoProviders providers;
    private final SessionService sessions;
    private final ObjectMapper json;

    public SsoServlet(SsoLogin login, SsoProviders providers, SessionService sessions, ObjectMapper json) {
        this.login = login;
        this.providers = providers;
        this.sessions = sessions;
        this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
        secure(resp);
        try {
            if (path.equals("/providers")) {
                providersList(resp);
                return;
            }
            if (path.equals("/logout")) {
                SsoPages.logoutForm(resp);
                return;
            }
            if (path.equals("/logged-out")) {
                SsoPages.loggedOut(resp);
                return;
            }
            Matcher m = PATH.matcher(path);
            if (!m.matches()) {
                SsoPages.refused(resp, 404, "not-found");
                return;
            }
            if (m.group(2).equals("login")) {
                start(req, resp, m.group(1));
            } else {
                callback(req, resp, m.group(1));
            }
        } catch (SsoLogin.Refused r) {
            SsoPages.refused(resp, r.reason().equals("unknown-provider") ? 404 : 400, r.reason());
        } catch (RuntimeException e) {
            log.warn("SSO request {} failed: {}", path, e.toString());
            SsoPages.refused(resp, 503, "unavailable");
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        secure(resp);
        if (!"/logout".equals(req.getPathInfo())) {
            SsoPages.refused(resp, 404, "not-found");
            return;
        }
        if (SessionCookie.crossSite(req)) {
            SsoPages.refused(resp, 403, "cross-site");
            return;
        }
        URI afterwards = login.publicUri("/sso/logged-out");
        Optional<URI> next = Optional.empty();
        Optional<String> token = SessionCookie.read(req);
        try {
            Optional<Session> s = token.flatMap(sessions::resolve);
            if (s.isPresent()) {
                Optional<Long> provider = sessions.ssoProviderOf(s.get().sessionId());
                sessions.end(token.get());
                next = provider.flatMap(id -> login.providerLogout(id, afterwards));
            }
        } catch (RuntimeException e) {
            log.warn("SSO logout failed: {}", e.toString());
            SsoPages.refused(resp, 503, "unavailable");
            return;
        }
        resp.addHeader("Set-Cookie", SessionCookie.cleared(req));
        resp.setStatus(303);
        resp.setHeader("Location", next.orElse(afterwards).toString());
    }

    private void providersList(HttpServletResponse resp) throws IOException {
        List<Map<String, String>> out = providers.enabled().stream().map(p -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("slug", p.slug());
            m.put("name", p.name());
            m.put("login", "/sso/" + p.slug() + "/login");
            return m;
        }).toList();
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        json.writeValue(resp.getOutputStream(), out);
    }

    private void start(HttpServletRequest req, HttpServletResponse resp, String slug) {
        String returnTo = Optional.ofNullable(req.getParameter("return")).filter(SsoServlet::localPath)
                .orElse(DEFAULT_RETURN);
        SsoLogin.Started s = login.begin(slug, returnTo);
        resp.addHeader("Set-Cookie", BROWSER_COOKIE + "=" + s.browserKey() + ";HttpOnly;path=/sso/" + slug
                + "/callback;SameSite=Lax;Max-Age=" + SsoLogin.PENDING.toSeconds() + SessionCookie.secureFlag(req));
        resp.setStatus(302);
        resp.setHeader("Location", s.redirect().toString());
    }

    private void callback(HttpServletRequest req, HttpServletResponse resp, String slug) {
        Optional<String> browser = Optional.ofNullable(req.getCookies()).stream().flatMap(java.util.Arrays::stream)
                .filter(c -> BROWSER_COOKIE.equals(c.getName())).map(Cookie::getValue).findFirst();
        SsoLogin.Completed done = login.complete(slug, param(req, "state"), param(req, "code"), param(req, "error"),
                browser, Optional.ofNullable(req.getHeader("User-Agent")));
        resp.addHeader("Set-Cookie", BROWSER_COOKIE + "=;HttpOnly;path=/sso/" + slug + "/callback;Max-Age=0");
        resp.addHeader("Set-Cookie", SessionCookie.header(done.token(), req));
        resp.setStatus(303);
        resp.setHeader("Location", done.returnTo());
    }

    /** A path on this server: starts with one slash, no scheme, no backslash, no control characters. */
    static boolean localPath(String p) {
        if (!p.startsWith("/") || p.startsWith("//") || p.length() > 1024) {
            return false;
        }
        for (char c : p.toCharArray()) {
            if (c == '\\' || c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> param(HttpServletRequest req, String name) {
        return Optional.ofNullable(req.getParameter(name)).filter(v -> !v.isEmpty() && v.length() <= 4096);
    }

    private static void secure(HttpServletResponse resp) {
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
    }
}
