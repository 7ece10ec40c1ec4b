package dev.breezeway.http;

import dev.breezeway.db.Database;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /healthz}: 200 {@code ok} while the database answers, 503 {@code database unavailable} otherwise. */
public final class HealthServlet extends HttpServlet {
    private final transient Database database;

    public HealthServlet(Database database) {
        this.database = database;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean alive = database.isAlive();
        byte[] body = (alive ? "ok\n" : "database unavailable\n").getBytes(StandardCharsets.UTF_8);
        resp.setStatus(alive ? 200 : 503);
        resp.setContentType("text/plain;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
