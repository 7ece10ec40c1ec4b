package dev.breezeway.xml;

import dev.breezeway.audit.AuditContext;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.principal.Face;
import dev.breezeway.session.Session;
import dev.breezeway.session.SessionService;
import dev.breezeway.error.StatusCode;
import dev.breezeway.http.ClientLink;
import dev.breezeway.http.RequestIds;
import dev.breezeway.metrics.ActionMetrics;
import dev.breezeway.http.SessionCookie;
import dev.breezeway.query.RowBudget;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/xml}: reads the parameters, resolves the session, checks the action's access, runs it
 * and writes the envelope. Every outcome is HTTP 200 with {@code Content-Type: text/xml}; our own
 * failures are {@code internal-error}, logged once with the request id sent in {@code X-Request-Id}
 * ({@link RequestIds}). Each request is timed by action and status ({@link ActionMetrics}), and its action
 * (as the metrics name it, never a caller's garbage) is left in the request attribute {@link #ACTION}
 * for the access log.
 */
public final class ActionServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(ActionServlet.class);
    /** The request attribute naming the action for the access log ({@code %{breezeway.action}attr}). */
    public static final String ACTION = "breezeway.action";

    private final transient Dispatcher dispatcher;
    private final transient BatchRunner batches;
    private final transient SessionService sessions;
    private final transient RequestReader reader;
    private final transient XmlWriter writer;
    private final int listLimit;
    private final transient ActionMetrics metrics;
    /** The methods that run actions; HEAD runs the action as GET does and answers without the body. */
    private static final java.util.Set<String> ALLOWED_METHODS = java.util.Set.of("GET", "POST", "HEAD");
    private static final String ALLOW = "GET, POST, HEAD";

    private final transient dev.breezeway.auth.HeaderAuth headerAuth;

    /**
     * @param listLimit  the rows all lists of one request may answer together ({@code BREEZEWAY_LIST_LIMIT})
     * @param headerAuth HTTP header authentication, which logs in the first request of a session a trusted proxy vouches for
     */
    private final dev.breezeway.db.WriteGeneration writes;

    public ActionServlet(Dispatcher dispatcher, BatchRunner batches, SessionService sessions, RequestReader reader,
                         XmlWriter writer, int listLimit, ActionMetrics metrics, dev.breezeway.auth.HeaderAuth headerAuth,
                         dev.breezeway.db.WriteGeneration writes) {
        this.writes = writes;
        this.headerAuth = headerAuth;
        this.listLimit = listLimit;
        this.metrics = metrics;
        this.dispatcher = dispatcher;
        this.batches = batches;
        this.sessions = sessions;
        this.reader = reader;
        this.writer = writer;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long start = System.nanoTime();
        String requestId = RequestIds.of(req);
        StatusCode status = StatusCode.OK;
        String tag = ActionMetrics.UNKNOWN;
        ByteArrayOutputStream body = new ByteArrayOutputStream(512);
        Optional<String> cookie = Optional.empty();
        Optional<String> token = Optional.empty();
        boolean crossSiteCookie = false;
        String action = "";
        boolean methodAllowed = ALLOWED_METHODS.contains(req.getMethod());
        ClientLink client = ClientLink.NONE;
        AuditContext.Scope origin = AuditContext.open(Face.XML, req.getRemoteAddr());
        try {
            if (!methodAllowed) {
                // Breeze actions are GETs and POSTs; TRACE, PUT, DELETE … run nothing.
                throw ApiException.invalid(Invalid.of("method", FieldType.STRING, InvalidSubcode.NO_SUCH_ITEM));
            }
            RequestReader.Parsed parsed = reader.read(Optional.ofNullable(req.getQueryString()),
                    Optional.ofNullable(req.getContentType()), req.getInputStream());
            Params params = parsed.params();
            Optional<String> param = params.first("session").map(String::strip).filter(s -> !s.isEmpty());
            Optional<String> fromCookie = param.isPresent() ? Optional.empty() : SessionCookie.read(req);
            crossSiteCookie = fromCookie.isPresent() && SessionCookie.crossSite(req);
            token = crossSiteCookie ? Optional.empty() : param.or(() -> fromCookie);
            Optional<Session> session = token.flatMap(sessions::resolve);
            client = ClientLink.of(req);
            boolean login = params.first("action").filter("login"::equals).isPresent();
            Optional<String> external = (session.isPresent() && !login) || SessionCookie.crossSite(req) ? Optional.empty()
                    : headerAuth.identity(req.getRemoteAddr(), req::getHeader);
            RequestInfo info = requestInfo(req, fromCookie.isPresent(), crossSiteCookie, new RowBudget(listLimit), client,
                    external);
            if (parsed.body() instanceof RequestReader.Body.Batch batch) {
                action = "<actions>";
                batches.run(batch.xml(), params, token, session, info, body);
            } else {
                action = params.first("action").orElse("");
                Optional<String> vouched = Optional.empty();
                if (external.isPresent() && !action.equals("login") && !action.equals("logout")) {
                    // The first request of a session behind the proxy logs its user in (Adobe's HTTP_AUTH_HEADER).
                    vouched = autoLogin(external.get(), info.userAgent());
                    if (vouched.isPresent()) {
                        session = vouched.flatMap(sessions::resolve);
                        token = vouched;
                    }
                }
                Call call = new Call(params, token, session, info);
                String name = action;
                Results results = dev.breezeway.db.Deadlocks.retryRequest(writes, () -> dispatcher.dispatch(name, call));
                cookie = results.sessionCookie().isPresent() ? results.sessionCookie() : vouched;
                writer.writeOk(body, results);
            }
        } catch (ApiException e) {
            status = e.code();
            body.reset();
            writer.writeError(body, e);
            if (action.equals("login") && token.isEmpty() && !crossSiteCookie) {
                // Adobe sets the cookie on every login response to a request that brought none, a failed one
                // included; one Ruby client reads the header before it looks at the status (checklist 13).
                // The token is stored nowhere: it costs no write and opens nothing until a login binds it.
                cookie = Optional.of(sessions.unboundToken());
            }
        } catch (ClientLink.GoneException e) {
            // The client closed its connection: the work stopped (a transactional batch rolled back) and
            // nobody is there to read an answer.
            log.debug("request {} (action '{}') stopped: the client has gone", requestId, action);
            return;
        } catch (RuntimeException e) {
            status = StatusCode.INTERNAL_ERROR;
            log.error("request {} (action '{}') failed", requestId, action, e);
            body.reset();
            writer.writeInternalError(body);
        } finally {
            client.close();
            tag = action.equals("<actions>") ? ActionMetrics.BATCH : metrics.tag(action);
            req.setAttribute(ACTION, tag);
            origin.close();
        }
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("text/xml");
        resp.setHeader("Cache-Control", "no-store");
        if (!methodAllowed) {
            resp.setHeader("Allow", ALLOW);
        }
        if (!crossSiteCookie) {
            // A request whose cookie came from another site sets none: it may neither replace nor plant one.
            cookie.ifPresent(t -> resp.addHeader("Set-Cookie", SessionCookie.header(t, req)));
        }
        resp.setContentLength(body.size());
        body.writeTo(resp.getOutputStream());
        long nanos = System.nanoTime() - start;
        metrics.record(tag, status, nanos);
        if (log.isDebugEnabled()) {
            log.debug("action {} answered {} in {} µs", tag, status.wire(), nanos / 1000);
        }
    }

    /** The token of a session for the user a trusted proxy named; empty (the request goes on anonymous) if none is. */
    private Optional<String> autoLogin(String identity, Optional<String> userAgent) {
        try {
            return Optional.of(headerAuth.login(identity, userAgent));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private static RequestInfo requestInfo(HttpServletRequest req, boolean tokenFromCookie, boolean crossSiteCookie,
                                           RowBudget rows, ClientLink client, Optional<String> external) {
        String host = Optional.ofNullable(req.getHeader("Host")).orElse(req.getServerName() + ":" + req.getServerPort());
        String uri = req.getRequestURI() + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
        return new RequestInfo(req.getScheme(), host, uri, Optional.ofNullable(req.getHeader("User-Agent")),
                req.getRemoteAddr(), tokenFromCookie, crossSiteCookie, rows, client, external);
    }
}
