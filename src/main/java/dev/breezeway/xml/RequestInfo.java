package dev.breezeway.xml;

import dev.breezeway.http.ClientLink;
import dev.breezeway.query.RowBudget;
import java.util.Optional;

/**
 * Facts about the HTTP request that some actions echo, e.g. common-info's {@code <host>} and {@code <url>},
 * and where its session token came from.
 *
 * @param tokenFromCookie the presented token came from the {@code BREEZESESSION} cookie, not from {@code session=}
 * @param crossSiteCookie a browser sent the cookie from another site, so it was ignored (see
 *                        {@link dev.breezeway.http.SessionCookie#crossSite})
 * @param rows            the rows the request's lists may still answer, shared by every action of a batch
 * @param client          whether the client is still connected, asked before expensive steps
 * @param externalIdentity the user a trusted authenticating proxy named (HTTP header authentication), for a request
 *                        without a session that is not cross-site
 */
public record RequestInfo(String scheme, String hostHeader, String uriWithQuery, Optional<String> userAgent,
                          String remoteAddress, boolean tokenFromCookie, boolean crossSiteCookie, RowBudget rows,
                          ClientLink client, Optional<String> externalIdentity) {

    /** {@code http://host:port} as the client addressed us. */
    public String origin() {
        return scheme + "://" + hostHeader;
    }

    /** The same request, for a batch action that brings its own {@code session} parameter. */
    public RequestInfo withParameterToken() {
        return new RequestInfo(scheme, hostHeader, uriWithQuery, userAgent, remoteAddress, false, crossSiteCookie, rows,
                client, externalIdentity);
    }
}
