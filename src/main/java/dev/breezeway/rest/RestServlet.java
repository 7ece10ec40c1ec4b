package dev.breezeway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breezeway.audit.AuditContext;
import dev.breezeway.error.ApiException;
import dev.breezeway.principal.Face;
import dev.breezeway.error.XmlText;
import dev.breezeway.error.Problem;
import dev.breezeway.session.Session;
import dev.breezeway.session.SessionService;
import dev.breezeway.http.RequestIds;
import dev.breezeway.http.SessionCookie;
import dev.breezeway.metrics.RouteMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import dev.breezeway.access.Authorizer;
import dev.breezeway.error.AccessSubcode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API under {@code /resources/*} (and the seed APIs' own paths): authenticates with
 * {@code Authorization: Bearer <token>} or the {@code BREEZESESSION} cookie (ignored when a browser sent
 * it from another site, {@link SessionCookie#crossSite}), routes, and renders every
 * outcome as JSON, errors as {@code {"error":{"code":…,"message":…}}}. Each request is timed by method,
 * route template and status ({@link RouteMetrics}).
 */
public final class RestServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(RestServlet.class);
    private static final int MAX_BODY = 1024 * 1024;

    private final transient Router router;
    private final transient SessionService sessions;
    private final transient ObjectMapper json;
    private final transient Authorizer authorizer;
    private final transient RouteMetrics metrics;

    private final dev.breezeway.db.WriteGeneration writes;

    public RestServlet(Router router, SessionService sessions, ObjectMapper json, Authorizer authorizer,
                       RouteMetrics metrics, dev.breezeway.db.WriteGeneration writes) {
        this.writes = writes;
        this.authorizer = authorizer;
        this.metrics = metrics;
        this.router = router;
        this.sessions = sessions;
        this.json = json;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long start = System.nanoTime();
        String requestId = RequestIds.of(req);
        String path = req.getRequestURI();
        RestReply reply;
        boolean plain = false;
        String template = RouteMetrics.UNMATCHED;
        try (AuditContext.Scope origin = AuditContext.open(Face.JSON, req.getRemoteAddr())) {
            Router.Match m = router.find(req.getMethod(), path);
            if (m.route().isEmpty()) {
                throw ApiException.problem(m.pathKnown() ? Problem.METHOD_NOT_ALLOWED : Problem.NOT_FOUND, "path");
            }
            Router.Route route = m.route().get();
            template = route.template();
            plain = route.plainErrors();
            Optional<String> bearer = bearer(req);
            Optional<String> fromCookie = bearer.isPresent() ? Optional.empty() : SessionCookie.read(req);
            boolean crossSiteCookie = fromCookie.isPresent() && SessionCookie.crossSite(req);
            Optional<Session> session = (crossSiteCookie ? Optional.<String>empty() : bearer.or(() -> fromCookie))
                    .flatMap(sessions::resolve);
            if (route.access().needsLogin() && session.isEmpty() && crossSiteCookie) {
                // The cookie a browser sent from another site authenticates nothing: 403, as on the XML face.
                throw ApiException.noAccess(AccessSubcode.DENIED);
            }
            if (route.access().needsLogin() && session.isEmpty()) {
                throw ApiException.noAccess(AccessSubcode.NO_LOGIN);
            }
            // As on the XML face: a temporary-password session is held back only where a login is needed.
            if (route.access().needsLogin() && session.map(Session::mustChangePassword).orElse(false)
                    && !route.allowDuringPasswordChange()) {
                throw ApiException.problem(Problem.PASSWORD_CHANGE_REQUIRED, "session");
            }
            authorizer.admit(route.access(), session);
            RestCall call = new RestCall(m.params(), query(req.getQueryString()),
                    Optional.ofNullable(req.getHeader("If-Match")), carriable(body(req)), session,
                    Optional.ofNullable(req.getHeader("User-Agent")), Optional.ofNullable(req.getContentType()),
                    req.getRemoteAddr());
            reply = dev.breezeway.db.Deadlocks.retryRequest(writes, () -> route.handler().handle(call));
        } catch (ApiException e) {
            reply = plain ? RestErrors.plain(e) : RestErrors.of(e);
        } catch (RuntimeException e) {
            log.error("request {} ({} {}) failed", requestId, req.getMethod(), path, e);
            reply = RestErrors.internal(requestId);
        }
        resp.setStatus(reply.status());
        resp.setHeader("Cache-Control", "no-store");
        reply.headers().forEach(resp::setHeader);
        if (reply.body().isPresent()) {
            byte[] bytes = json.writeValueAsBytes(reply.body().get());
            resp.setContentType("application/json");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }
        long nanos = System.nanoTime() - start;
        metrics.record(req.getMethod(), template, reply.status(), nanos);
        if (log.isDebugEnabled()) {
            log.debug("route {} {} answered {} in {} µs", req.getMethod(), template, reply.status(), nanos / 1000);
        }
    }

    private static Optional<String> bearer(HttpServletRequest req) {
        String auth = req.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(auth.substring(7).strip()).filter(s -> !s.isEmpty());
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(dev.breezeway.error.Invalid.of("query", dev.breezeway.error.FieldType.STRING,
                        dev.breezeway.error.InvalidSubcode.FORMAT));
            }
        }
        return out;
    }

    /**
     * The body, if every JSON string and name in it is text XML can carry ({@link XmlText}): what one face
     * stores, the Breeze face must be able to show. Otherwise {@code format} on the first such field
     * (400 {@code VALIDATION_FAILED}). A body that is not JSON is left to its route.
     */
    private byte[] carriable(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            return body;
        }
        Optional<String> bad = uncarriable("body", tree);
        if (bad.isPresent()) {
            throw ApiException.invalid(dev.breezeway.error.Invalid.of(bad.get(), dev.breezeway.error.FieldType.STRING,
                    dev.breezeway.error.InvalidSubcode.FORMAT));
        }
        return body;
    }

    private static Optional<String> uncarriable(String field, com.fasterxml.jackson.databind.JsonNode n) {
        if (n == null) {
            return Optional.empty();
        }
        if (n.isTextual()) {
            return XmlText.carriable(n.textValue()) ? Optional.empty() : Optional.of(field);
        }
        if (n.isArray()) {
            for (com.fasterxml.jackson.databind.JsonNode e : n) {
                Optional<String> bad = uncarriable(field, e);
                if (bad.isPresent()) {
                    return bad;
                }
            }
        }
        if (n.isObject()) {
            for (var it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!XmlText.carriable(e.getKey())) {
                    return Optional.of(field);
                }
                Optional<String> bad = uncarriable(e.getKey(), e.getValue());
                if (bad.isPresent()) {
                    return bad;
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] body(HttpServletRequest req) throws IOException {
        // No body announced, or a GET's (which no route reads): no buffer to allocate for it. A body of unknown
        // length (chunked, or HTTP/2 without Content-Length) is read.
        long announced = req.getContentLengthLong();
        if (announced == 0 || (announced < 0 && "GET".equals(req.getMethod()))) {
            return new byte[0];
        }
        InputStream in = req.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            out.write(buf, 0, n);
            if (out.size() > MAX_BODY) {
                throw ApiException.invalid(dev.breezeway.error.Invalid.range("body", dev.breezeway.error.FieldType.LONG,
                        0, MAX_BODY));
            }
        }
        return out.toByteArray();
    }
}
