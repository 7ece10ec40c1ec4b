package dev.breezeway.http;

import dev.breezeway.xml.ActionServlet;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.slf4j.MDC;

/**
 * One line per request to the SLF4J logger {@link #LOGGER}, through Jetty's {@link CustomRequestLog}:
 * <pre>127.0.0.1 "GET /api/xml" action=login status=200 bytes=312 ms=41 id=5f0c…</pre>
 * The path is printed without its query string ({@code %U}): Breeze callers put passwords and session
 * tokens there. No header, cookie or body is printed either. The line is also logged with the request's
 * id in the MDC ({@link RequestIds#MDC_KEY}), so JSON log lines carry it as a field as well.
 */
public final class AccessLog extends ContainerLifeCycle implements RequestLog {
    public static final String LOGGER = "breezeway.access";
    public static final String FORMAT = "%{client}a \"%m %U\" action=%{" + ActionServlet.ACTION + "}attr status=%s"
            + " bytes=%O ms=%{ms}T id=%{" + RequestIds.HEADER + "}o";

    private final CustomRequestLog delegate;

    public AccessLog() {
        Slf4jRequestLogWriter writer = new Slf4jRequestLogWriter();
        writer.setLoggerName(LOGGER);
        this.delegate = new CustomRequestLog(writer, FORMAT);
        addBean(delegate);  // started and stopped with the server, which starts the writer's logger
    }

    @Override
    public void log(Request request, Response response) {
        String id = response.getHeaders().get(RequestIds.HEADER);
        if (id == null) {
            delegate.log(request, response);
            return;
        }
        String outer = MDC.get(RequestIds.MDC_KEY);
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            delegate.log(request, response);
        } finally {
            if (outer == null) {
                MDC.remove(RequestIds.MDC_KEY);
            } else {
                MDC.put(RequestIds.MDC_KEY, outer);
            }
        }
    }
}
