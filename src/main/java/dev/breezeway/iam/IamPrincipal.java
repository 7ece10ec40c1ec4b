package dev.breezeway.iam;

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
        List<AclEntry> acl,
        Map<String, List<String>> accessAttributes,
        Optional<Instant> suspendedAt,
        Optional<Instant> lastActiveAt,
        Instant createdAt,
        boolean passwordLogin,
        Optional<Instant> passwordExpiresAt,
        long version) {

    /** One ACL entry: a resource and a permission on it, either may be {@code *}. */
    public record AclEntry(String resource, String permission) {
        /** Parses {@code "orders:*"}; the last colon separates the permission. */
        public static Optional<AclEntry> parse(String s) {
            int i = s.lastIndexOf(':');
            if (i <= 0 || i == s.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new AclEntry(s.substring(0, i), s.substring(i + 1)));
        }

        public boolean grants(String resource, String permission) {
            return (this.resource.equals("*") || this.resource.equals(resource))
                    && (this.permission.equals("*") || this.permission.equals(permission));
        }

        @Override
        public String toString() {
            return resource + ":" + permission;
        }
    }

    /** The weak ETag of this version, e.g. {@code W/"7"}. */
    public String etag() {
        return etagOf(version);
    }

    public static String etagOf(long version) {
        return "W/\"" + version + "\"";
    }
}
