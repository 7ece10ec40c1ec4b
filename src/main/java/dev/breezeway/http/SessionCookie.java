package dev.breezeway.http;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code BREEZESESSION} cookie on both faces: reading it, deciding whether a browser sent it from
 * another site (then it authenticates nothing), and writing it, e.g.
 * {@code Set-Cookie: BREEZESESSION=breezq7…;HttpOnly;path=/;SameSite=Lax;Secure}.
 *
 * <p>A request is cross-site when {@code Sec-Fetch-Site} is anything but {@code same-origin} or
 * {@code none} ({@code same-site} included: a sibling host under the same registrable domain is
 * another party), or, without {@code Sec-Fetch-Site}, when its {@code Origin} differs in scheme, host
 * or port from the request's own. The Adobe clients send neither header and are never affected.
 */
public final class SessionCookie {
    public static final String NAME = "BREEZESESSION";

    private SessionCookie() {
    }

    /** The cookie's token, if the request carries a non-blank one. */
    public static Optional<String> read(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (NAME.equals(c.getName()) && c.getValue() != null && !c.getValue().isBlank()) {
                    return Optional.of(c.getValue().strip());
                }
            }
        }
        return Optional.empty();
    }

    /** True if a browser marks the request as coming from another site (see the type's comment). */
    public static boolean crossSite(HttpServletRequest req) {
        String site = req.getHeader("Sec-Fetch-Site");
        if (site != null) {
            String s = site.strip().toLowerCase(Locale.ROOT);
            return !(s.equals("same-origin") || s.equals("none"));
        }
        String origin = req.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String host = firstValue(req.getHeader("X-Forwarded-Host"))
                .or(() -> Optional.ofNullable(req.getHeader("Host")))
                .orElse(req.getServerName() + ":" + req.getServerPort());
        Optional<String> own = normalised(scheme(req) + "://" + host);
        Optional<String> theirs = normalised(origin.strip());
        // "Origin: null" (sandboxed frames, some redirects) and anything unparsable count as another site.
        return own.isEmpty() || theirs.isEmpty() || !own.equals(theirs);
    }

    /**
     * The {@code Set-Cookie} value for {@code token}. The token and {@code ;} come first and
     * {@code HttpOnly;path=/} keep their place, as the Adobe clients parse it (client checklist point 3);
     * {@code Secure} is added when the request came over TLS, directly or as {@code X-Forwarded-Proto} says.
     */
    public static String header(String token, HttpServletRequest req) {
        return NAME + "=" + token + ";HttpOnly;path=/;SameSite=Lax" + secureFlag(req);
    }

    /** The {@code Set-Cookie} value that removes the session cookie from the browser. */
    public static String cleared(HttpServletRequest req) {
        return NAME + "=;HttpOnly;path=/;SameSite=Lax;Max-Age=0" + secureFlag(req);
    }

    /** {@code ;Secure} when the request came over TLS (directly or as a proxy says), else nothing. */
    public static String secureFlag(HttpServletRequest req) {
        return "https".equals(scheme(req)) ? ";Secure" : "";
    }

    /**
     * {@code https} if the request came over TLS or a proxy says so. Any {@code X-Forwarded-Proto} is
     * believed: it only adds {@code Secure} to the cookie and names the scheme the {@code Origin} is
     * compared with, and a browser cannot send it cross-site without a CORS preflight that we never grant.
     */
    private static String scheme(HttpServletRequest req) {
        if (req.isSecure()) {
            return "https";
        }
        return firstValue(req.getHeader("X-Forwarded-Proto")).map(p -> p.toLowerCase(Locale.ROOT))
                .filter(p -> p.equals("https") || p.equals("http"))
                .orElse(req.getScheme().toLowerCase(Locale.ROOT));
    }

    private static Optional<String> firstValue(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int comma = header.indexOf(',');
        return Optional.of((comma < 0 ? header : header.substring(0, comma)).strip()).filter(s -> !s.isEmpty());
    }

    /** {@code scheme://host:port} with the default port filled in, or empty if it is no http(s) origin. */
    private static Optional<String> normalised(String origin) {
        try {
            URI u = new URI(origin);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return Optional.empty();
            }
            int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
