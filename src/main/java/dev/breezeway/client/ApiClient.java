package dev.breezeway.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A registered API client as administrators see it, e.g. client {@code 96cb8da44a2e6663cc4dd7ae8d7363e922b5e0f4}
 * named "Billing sync" with roles {@code ["sync:writer"]}; its secret is never part of it.
 */
public record ApiClient(String clientId, long accountId, long principalId, String name, List<String> roles,
                        Instant createdAt, Optional<Instant> secretRotatedAt) {
}
