package dev.breezeway.session;

import dev.breezeway.principal.PrincipalType;

/**
 * A logged-in session as resolved from its token: who the caller is, e.g. principal 1000009
 * ({@code ada@example.com}, a user) in account 1, and whether it is an administrator.
 */
public record Session(long sessionId, long principalId, long accountId, PrincipalType type, String login,
                      String name, boolean admin, boolean mustChangePassword) {
}
