package dev.breezeway.xml;

import java.util.Optional;

/**
 * Facts about the HTTP request that some actions echo, e.g. common-info's {@code <host>} and {@code <url>},
 * and where its session token came from.
 *
 * @param tokenFromCookie the presented token came from the {@code BREEZESESSION} cookie, not from {@code session=}
 * @param crossSiteCookie a browser sent the cookie from another site, so it was ignored (see
 *                        {@link dev.breezeway.http.SessionCookie#crossSite})
 */
public record RequestInfo(String scheme, String hostHeader, String uriWithQuery, Optional<String> userAgent,
                          String remoteAddress, boolean tokenFromCookie, boolean crossSiteCookie) {

    /** {@code http://host:port} as the client addressed us. */
    public String origin() {
        return scheme + "://" + hostHeader;
    }

    /** The same request, for a batch action that brings its own {@code session} parameter. */
    public RequestInfo withParameterToken() {
        return new RequestInfo(scheme, hostHeader, uriWithQuery, userAgent, remoteAddress, false, crossSiteCookie);
    }
}
