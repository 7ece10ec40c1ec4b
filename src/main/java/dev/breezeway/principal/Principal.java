package dev.breezeway.principal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A user or group as stored, e.g. principal 1000004, type user, login {@code ada@example.com}. */
public record Principal(
        long principalId,
        UUID uuid,
        long accountId,
        PrincipalType type,
        Optional<String> login,
        String name,
        Optional<String> firstName,
        Optional<String> lastName,
        Optional<String> email,
        Optional<String> description,
        boolean isPrimary,
        boolean isHidden,
        String lang,
        int timeZoneId,
        Optional<Instant> suspendedAt,
        Optional<Instant> lastActiveAt,
        Instant createdAt,
        long version,
        Optional<String> extLogin,
        boolean passwordLogin) {

    /** The Breeze login: a user's login, a group's name. */
    public String breezeLogin() {
        return login.orElse(name);
    }

    /** Adobe's ext-login: the external authentication id set for it, else the Breeze login. */
    public String externalLogin() {
        return extLogin.orElse(breezeLogin());
    }
}
