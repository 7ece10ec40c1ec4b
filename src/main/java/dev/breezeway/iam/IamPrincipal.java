package dev.breezeway.iam;

import dev.breezeway.access.Grant;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A principal as the modern API sees it, e.g. {@code 01933e8f-…}, name "John Admin", roles
 * {@code ["system:portal:full"]}, {@code accessAttributes {"channelKey": ["STORE-NYC"]}}, version 7.
 */
public record IamPrincipal(
        long principalId,
        UUID id,
        long accountId,
        String name,
        Optional<String> email,
        Optional<String> phone,
        ObjectNode properties,
        List<String> roles,
        List<Grant> acl,
        Map<String, List<String>> accessAttributes,
        Optional<Instant> suspendedAt,
        Optional<Instant> lastActiveAt,
        Instant createdAt,
        boolean passwordLogin,
        Optional<Instant> passwordExpiresAt,
        long version,
        Optional<String> extLogin) {

    /** The weak ETag of this version, e.g. {@code W/"7"}. */
    public String etag() {
        return etagOf(version);
    }

    public static String etagOf(long version) {
        return "W/\"" + version + "\"";
    }
}
