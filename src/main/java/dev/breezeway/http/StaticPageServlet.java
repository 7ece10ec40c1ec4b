package dev.breezeway.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One file of the classpath's {@code web/} folder, read once, e.g. the page a mailed password link opens
 * ({@code /password-recovery}). Served with a strict Content-Security-Policy (scripts of this server only), no
 * framing, no referrer and no caching.
 */
public final class StaticPageServlet extends HttpServlet {
    private final byte[] body;
    private final String contentType;

    public StaticPageServlet(String resource, String contentType) {
        try (InputStream in = StaticPageServlet.class.getResourceAsStream("/web/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no web/" + resource + " on the classpath");
            }
            this.body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.contentType = contentType;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType(contentType);
        resp.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
                + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
