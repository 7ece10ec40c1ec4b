package dev.breezeway.http;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server's handler from the moment the port is bound: until the application is mounted (the database
 * started and migrated, the first administrator bootstrapped) every request is answered {@code 503
 * starting} with {@code Retry-After}, except {@code /healthz/live}, {@code 200 live} — so a long migration
 * neither hangs clients nor fails a liveness probe. Then it hands every request to the application.
 */
public final class StartupGate extends Handler.Wrapper {
    public StartupGate() {
        super(true);  // the application's handler is set while the server runs
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Handler next = getHandler();
        if (next != null) {
            return next.handle(request, response, callback);
        }
        boolean live = "/healthz/live".equals(Request.getPathInContext(request));
        response.setStatus(live ? 200 : 503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (!live) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        }
        response.write(true, java.nio.ByteBuffer.wrap((live ? "live\n" : "starting\n")
                .getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
