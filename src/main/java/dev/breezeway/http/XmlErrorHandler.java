package dev.breezeway.http;

import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.xml.XmlWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error pages (request line too long, headers too large, a bad URI) for {@code /api/xml}
 * become the Breeze envelope a client can parse, with HTTP 200, e.g.
 * {@code <status code="invalid"><invalid field="request" type="long" subcode="range" min="0" max="65536"/></status>}.
 * Other paths keep Jetty's handling; requests too broken to have a path get the envelope.
 */
public final class XmlErrorHandler extends ErrorHandler {
    private final XmlWriter writer;
    private final int maxHeaderBytes;

    public XmlErrorHandler(XmlWriter writer, int maxHeaderBytes) {
        this.writer = writer;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        // A request Jetty could not parse (e.g. a URI too long) reaches us as "/badMessage": its
        // real path is unknown, and an XML client is the likelier sender than a browser.
        boolean ours = path == null || path.startsWith("/api/xml") || path.equals("/badMessage");
        if (!ours) {
            return super.handle(request, response, callback);
        }
        int status = response.getStatus();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (status == 413 || status == 414 || status == 431) {
            writer.writeError(body, ApiException.invalid(Invalid.range("request", FieldType.LONG, 0, maxHeaderBytes)));
        } else if (status >= 400 && status < 500) {
            writer.writeError(body, ApiException.invalid(Invalid.of("request", FieldType.STRING, InvalidSubcode.FORMAT)));
        } else {
            writer.writeInternalError(body);
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
        if (status >= 400) {
            // Jetty closes the connection after a message it could not parse: say so, or a keep-alive
            // client sends its next request into a closed socket.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.write(true, ByteBuffer.wrap(body.toByteArray()), callback);
        return true;
    }
}
