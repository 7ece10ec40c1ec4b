package dev.breezeway.metrics;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the Prometheus text exposition of {@link Metrics}. Open to anyone who reaches
 * the port, as Prometheus' exporters are (it shows counts and timings, no names, ids or secrets); an
 * operator who wants it off the public port sets {@code BREEZEWAY_METRICS_PORT}.
 */
public final class MetricsServlet extends HttpServlet {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final transient Metrics metrics;

    public MetricsServlet(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType(CONTENT_TYPE);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
