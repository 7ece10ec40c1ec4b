package dev.breezeway.xml;

import java.util.Optional;

/** Facts about the HTTP request that some actions echo, e.g. common-info's {@code <host>} and {@code <url>}. */
public record RequestInfo(String scheme, String hostHeader, String uriWithQuery, Optional<String> userAgent,
                          String remoteAddress) {

    /** {@code http://host:port} as the client addressed us. */
    public String origin() {
        return scheme + "://" + hostHeader;
    }
}
