package dev.breezeway.bench;

import dev.breezeway.App;
import dev.breezeway.config.AppConfig;
import dev.breezeway.http.ServerFactory;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.jooq.DSLContext;

/**
 * The server under test, as a JVM of its own: the whole application exactly as {@code Main} serves it
 * ({@link ServerFactory}, same Jetty configuration, same pool), plus the two same-run baselines beside
 * it, e.g. {@code GET /bench/pk?id=2000042}:
 * <ul>
 *   <li>{@code /bench/ok}: the HTTP ceiling, a constant {@code <results><status code="ok"/></results>};</li>
 *   <li>{@code /bench/detail?id=N}: principal-info's own SQL over plain JDBC, written with StAX (DetailServlet);</li>
 *   <li>{@code /bench/pk?id=N}: the storage ceiling, one primary-key select of a principal over plain
 *       JDBC through the application's own HikariCP pool, answered as a small XML body.</li>
 * </ul>
 * Writes the port it listens on (127.0.0.1, free by default) to {@code --port-file} once it serves.
 */
public final class BenchServer {
    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(BenchEnv.arg(args, "port", "BENCH_PORT", "0"));
        Path portFile = Path.of(BenchEnv.arg(args, "port-file", "BENCH_PORT_FILE",
                BenchEnv.outDir().resolve("server.port").toString()));
        AppConfig config = BenchEnv.appConfig(port);
        App app = App.start(config);
        Server server = ServerFactory.newServer(app, "127.0.0.1", port);
        // The application's context sits behind the start-up gate and the graceful-stop handler.
        ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
        context.addServlet(new ServletHolder(new ConstantServlet()), "/bench/ok");
        context.addServlet(new ServletHolder(new PrimaryKeyServlet(app.database().dsl())), "/bench/pk");
        context.addServlet(new ServletHolder(new DetailServlet(app.database().dsl(),
                new dev.breezeway.principal.PrincipalStore(app.database().dsl()).detailSql())), "/bench/detail");
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println("bench server: Jetty did not stop cleanly: " + e);
            }
            app.close();
        }, "bench-shutdown"));
        Files.createDirectories(portFile.toAbsolutePath().getParent());
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, ServerFactory.port(server) + "\n");
        Files.move(tmp, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("bench server: listening on http://127.0.0.1:" + ServerFactory.port(server)
                + " (pid " + ProcessHandle.current().pid() + ")");
        server.join();
    }

    /** The HTTP ceiling: no parameters read, no database, a constant envelope. */
    static final class ConstantServlet extends HttpServlet {
        private static final byte[] BODY = "<?xml version=\"1.0\" encoding=\"utf-8\"?><results><status code=\"ok\"/></results>"
                .getBytes(StandardCharsets.UTF_8);

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/xml");
            resp.setContentLength(BODY.length);
            resp.getOutputStream().write(BODY);
        }
    }

    /**
     * The query ceiling of principal-info: exactly the SQL {@code principal-info} runs (the principal, its
     * manager and its custom values, {@link dev.breezeway.principal.PrincipalStore#detailSql()}) over plain
     * JDBC, every column written as an attribute of one element per row with StAX. No session, no
     * parameters beyond {@code id}, no object mapping: what principal-info would cost with nothing of
     * its own.
     */
    static final class DetailServlet extends HttpServlet {
        private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
        private final transient DSLContext db;
        private final String sql;

        DetailServlet(DSLContext db, String sql) {
            this.db = db;
            this.sql = sql;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            long id = Long.parseLong(req.getParameter("id"));
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            db.connection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        XMLStreamWriter w = XML.createXMLStreamWriter(out, "utf-8");
                        w.writeStartDocument("utf-8", "1.0");
                        w.writeStartElement("results");
                        w.writeEmptyElement("status");
                        w.writeAttribute("code", "ok");
                        var meta = rs.getMetaData();
                        while (rs.next()) {
                            w.writeEmptyElement("row");
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                String v = rs.getString(i);
                                if (v != null) {
                                    w.writeAttribute("c" + i, v);
                                }
                            }
                        }
                        w.writeEndElement();
                        w.writeEndDocument();
                        w.close();
                    }
                }
            });
            resp.setContentType("text/xml");
            resp.setContentLength(out.size());
            out.writeTo(resp.getOutputStream());
        }
    }

    /** The storage ceiling: one indexed select through the application's pool, a small XML body. */
    static final class PrimaryKeyServlet extends HttpServlet {
        private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
        private final transient DSLContext db;

        PrimaryKeyServlet(DSLContext db) {
            this.db = db;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            long id = Long.parseLong(req.getParameter("id"));
            String[] row = db.connectionResult(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT principal_id, type, login, name FROM principal WHERE principal_id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}
                                : null;
                    }
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            try {
                XMLStreamWriter w = XML.createXMLStreamWriter(out, "utf-8");
                w.writeStartDocument("utf-8", "1.0");
                w.writeStartElement("results");
                w.writeEmptyElement("status");
                w.writeAttribute("code", row == null ? "no-data" : "ok");
                if (row != null) {
                    w.writeStartElement("principal");
                    w.writeAttribute("principal-id", row[0]);
                    w.writeAttribute("type", row[1]);
                    w.writeStartElement("login");
                    w.writeCharacters(row[2] == null ? "" : row[2]);
                    w.writeEndElement();
                    w.writeStartElement("name");
                    w.writeCharacters(row[3]);
                    w.writeEndElement();
                    w.writeEndElement();
                }
                w.writeEndElement();
                w.writeEndDocument();
                w.close();
            } catch (XMLStreamException e) {
                throw new IOException(e);
            }
            resp.setContentType("text/xml");
            resp.setContentLength(out.size());
            out.writeTo(resp.getOutputStream());
        }
    }
}
