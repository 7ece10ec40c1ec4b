package dev.breezeway.http;

import dev.breezeway.db.Database;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The health checks, anonymous and without a session:
 * <ul>
 * <li>{@code GET /healthz/live}: 200 {@code live} while the process serves at all (liveness);</li>
 * <li>{@code GET /healthz/ready}: 200 {@code ready} while the database answers and the server is not
 * draining for a stop, 503 {@code database unavailable} / {@code draining} otherwise (readiness);</li>
 * <li>{@code GET /healthz}: as before, 200 {@code ok} while the database answers, 503
 * {@code database unavailable} otherwise.</li>
 * </ul>
 */
public final class HealthServlet extends HttpServlet {
    /** Which check a mounted instance answers. */
    public enum Check { LEGACY, LIVE, READY }

    private final transient Database database;
    private final transient BooleanSupplier draining;
    private final Check check;

    public HealthServlet(Database database) {
        this(database, () -> false, Check.LEGACY);
    }

    public HealthServlet(Database database, BooleanSupplier draining, Check check) {
        this.database = database;
        this.draining = draining;
        this.check = check;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int status;
        String text;
        if (check == Check.LIVE) {
            status = 200;
            text = "live";
        } else if (check == Check.READY && draining.getAsBoolean()) {
            status = 503;
            text = "draining";
        } else if (database.isAlive()) {
            status = 200;
            text = check == Check.READY ? "ready" : "ok";
        } else {
            status = 503;
            text = "database unavailable";
        }
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
