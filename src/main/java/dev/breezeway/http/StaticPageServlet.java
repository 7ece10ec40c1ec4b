package dev.breezeway.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files of the classpath's {@code web/} folder, read once at start: the page a mailed password link opens
 * ({@code /password-recovery}), and the administration console ({@code /admin/*}, {@link #folder}). Served
 * with a strict Content-Security-Policy (scripts of this server only, never inline), no framing, no referrer;
 * nothing else of the classpath can be asked for.
 */
public final class StaticPageServlet extends HttpServlet {
    /** The policy of the console: its own files only, no inline script or style. */
    public static final String STRICT_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String RECOVERY_POLICY = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private record File(byte[] body, String contentType) {
    }

    private final Map<String, File> files = new LinkedHashMap<>();
    private final String policy;
    private final String cacheControl;
    private final String index;

    private StaticPageServlet(String policy, String cacheControl, String index) {
        this.policy = policy;
        this.cacheControl = cacheControl;
        this.index = index;
    }

    /** One file, served at the servlet's exact path. */
    public StaticPageServlet(String resource, String contentType) {
        this(RECOVERY_POLICY, "no-store", null);
        files.put("", new File(read(resource), contentType));
    }

    /**
     * The named files of {@code web/<dir>/}, each at {@code /<name>} under the servlet's path; {@code /} is
     * the first; the bare servlet path redirects to {@code /}. Anything else is 404.
     */
    public static StaticPageServlet folder(String dir, List<String> names) {
        StaticPageServlet s = new StaticPageServlet(STRICT_POLICY, "no-cache", names.get(0));
        for (String name : names) {
            s.files.put(name, new File(read(dir + "/" + name), contentType(name)));
        }
        return s;
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html;charset=utf-8";
        } else if (name.endsWith(".js")) {
            return "text/javascript;charset=utf-8";
        } else if (name.endsWith(".css")) {
            return "text/css;charset=utf-8";
        } else if (name.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (name.endsWith(".png")) {
            return "image/png";
        }
        return "text/plain;charset=utf-8";
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticPageServlet.class.getResourceAsStream("/web/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no web/" + resource + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        String key;
        if (index == null) {
            key = "";
        } else if (path == null) {
            resp.sendRedirect(req.getContextPath() + req.getServletPath() + "/");
            return;
        } else {
            key = path.equals("/") ? index : path.substring(1);
        }
        File file = files.get(key);
        if (file == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);  // the JSON 404 of every unknown path
            return;
        }
        securityHeaders(resp, policy);
        resp.setContentType(file.contentType());
        resp.setHeader("Cache-Control", cacheControl);
        resp.setContentLength(file.body().length);
        resp.getOutputStream().write(file.body());
    }

    /** The headers every page of this server sends: its policy, no sniffing, no referrer, no framing. */
    public static void securityHeaders(HttpServletResponse resp, String policy) {
        resp.setHeader("Content-Security-Policy", policy);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Frame-Options", "DENY");
    }

    /** A servlet that sends every GET to {@code target}, e.g. {@code /} to the console. */
    public static HttpServlet redirect(String target) {
        return new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.sendRedirect(req.getContextPath() + target);
            }
        };
    }
}
