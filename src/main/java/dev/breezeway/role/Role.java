package dev.breezeway.role;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A role: a named permission set with a version, e.g. {@code support:agent} v3 → [users:read, users:list]. */
public record Role(long roleId, UUID locator, String name, Optional<String> description, long version,
                   Instant createdAt, Optional<UUID> createdBy, List<String> permissions) {
}
