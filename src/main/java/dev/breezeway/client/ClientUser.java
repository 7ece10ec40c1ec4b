package dev.breezeway.client;

import java.time.Instant;
import java.util.Optional;

/**
 * A user as its API client sees it through {@code /api/v1/users}, e.g. humanId
 * {@code b3301c8d6f5242fcf2e6455aa83423cf}, clientUserId {@code Human_441272526}. The humanId is the
 * principal's UUID as 32 hex digits.
 */
public record ClientUser(long principalId, String humanId, String firstName, String lastName,
                         Optional<String> clientUserId, Optional<String> email, Instant createdAt, Instant updatedAt,
                         boolean suspended) {

    /** The seed's {@code status}: {@code Active}, or {@code Suspended} while the principal is suspended. */
    public String status() {
        return suspended ? "Suspended" : "Active";
    }
}
