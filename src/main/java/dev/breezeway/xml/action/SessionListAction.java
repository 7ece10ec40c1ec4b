package dev.breezeway.xml.action;

import dev.breezeway.iam.IamService;
import dev.breezeway.query.ListLimit;
import dev.breezeway.query.ListQuery;
import dev.breezeway.rest.UserAgents;
import dev.breezeway.session.Session;
import dev.breezeway.session.SessionStore;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.FilterParams;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.SessionsXml;

/**
 * {@code session-list} (optional {@code principal-id}, the caller by default): the XML mirror of
 * {@code GET /resources/iam/principals/{id}/sessions} → {@code <sessions><session session-id type created-at
 * expires-at is-current is-revoked [revoked-at] [client-id] [client-name]><description>Chrome on Windows</description>
 * </session>…</sessions>}, newest first, live sessions (and with {@code include-revoked=true} recently revoked ones);
 * {@code type} is {@code interactive}, {@code api} (an API client's token) or {@code sso}. Your own freely, others' with
 * {@code iam/principals:read}. Paged with {@code filter-start}/{@code filter-rows} and limited as every
 * list is ({@link ListLimit}).
 */
public final class SessionListAction implements Action {
    private final IamService iam;
    private final ListLimit limit;

    public SessionListAction(IamService iam, ListLimit limit) {
        this.iam = iam;
        this.limit = limit;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        long id = IamMirrors.principalId(p, caller, true);
        ListQuery page = FilterParams.page(p);
        boolean includeRevoked = p.optionalBool("include-revoked").orElse(false);
        p.throwIfInvalid();
        java.util.List<SessionStore.Listed> all = id == caller.principalId() ? iam.ownSessions(caller, includeRevoked)
                : iam.sessionsOf(caller, iam.idOf(caller, id), includeRevoked);
        SessionsXml out = new SessionsXml();
        for (SessionStore.Listed s : limit.page(call.request().rows(), page, all)) {
            SessionsXml.Entry e = new SessionsXml.Entry();
            e.sessionId = s.publicId().toString();
            e.type = s.type();
            e.clientId = s.clientId().orElse(null);
            e.clientName = s.clientName().orElse(null);
            e.createdAt = IamMirrors.date(s.createdAt());
            e.expiresAt = IamMirrors.date(s.expiresAt());
            e.isCurrent = Boolean.toString(s.sessionId() == caller.sessionId());
            e.isRevoked = Boolean.toString(s.revokedAt().isPresent());
            e.revokedAt = s.revokedAt().map(IamMirrors::date).orElse(null);
            e.description = UserAgents.describe(s.userAgent());
            out.sessions.add(e);
        }
        return Results.ok(out);
    }
}
