package dev.breezeway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.rest.RestErrors;
import dev.breezeway.rest.RestReply;
import dev.breezeway.xml.XmlWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers on its own, in the shape of the face asked, never an HTML page:
 * <ul>
 * <li>a request Jetty could not parse (a request line or header block too long, a raw control character,
 * no or an unknown HTTP version, a bad URI) reaches us without its real path ({@code /badMessage}): the
 * Breeze envelope, HTTP 200, {@code invalid} on {@code request} ({@code range} for a size,
 * {@code format} otherwise) and {@code Connection: close}, as Jetty closes the connection after it;</li>
 * <li>a failure under {@code /api/xml}: the envelope, {@code internal-error} for a server failure;</li>
 * <li>anything else (a path no servlet serves, a method a servlet does not take): the JSON error of
 * {@link RestErrors} with Jetty's status, e.g. 404 {@code {"error":{"code":"NOT_FOUND",…}}}; the
 * connection stays open.</li>
 * </ul>
 */
public final class JettyErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final XmlWriter writer;
    private final int maxHeaderBytes;

    public JettyErrorHandler(XmlWriter writer, int maxHeaderBytes) {
        this.writer = writer;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        int status = response.getStatus();
        boolean unparsed = path == null || path.equals("/badMessage");
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        byte[] body;
        if (unparsed || path.startsWith("/api/xml")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (status == 413 || status == 414 || status == 431) {
                writer.writeError(out, ApiException.invalid(Invalid.range("request", FieldType.LONG, 0, maxHeaderBytes)));
            } else if (unparsed || status < 500) {
                writer.writeError(out, ApiException.invalid(Invalid.of("request", FieldType.STRING, InvalidSubcode.FORMAT)));
            } else {
                writer.writeInternalError(out);
            }
            body = out.toByteArray();
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
        } else {
            RestReply reply = switch (status) {
                case 404 -> RestErrors.of(ApiException.problem(Problem.NOT_FOUND, "path"));
                // 501: a method HttpServlet does not know (PATCH on a servlet without it): not allowed there.
                case 405, 501 -> RestErrors.of(ApiException.problem(Problem.METHOD_NOT_ALLOWED, "path"));
                case 413, 414, 431 -> RestErrors.of(
                        ApiException.invalid(Invalid.range("request", FieldType.LONG, 0, maxHeaderBytes)));
                default -> status < 500
                        ? RestErrors.of(ApiException.invalid(Invalid.of("request", FieldType.STRING, InvalidSubcode.FORMAT)))
                        : RestErrors.internal("unknown");
            };
            body = JSON.writeValueAsBytes(reply.body().orElseThrow());
            response.setStatus(status == 501 ? 405 : status < 500 ? status : 500);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        }
        if (unparsed) {
            // Jetty closes the connection after a message it could not parse: say so, or a keep-alive
            // client sends its next request into a closed socket.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
        return true;
    }
}
