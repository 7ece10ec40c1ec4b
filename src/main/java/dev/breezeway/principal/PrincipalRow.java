package dev.breezeway.principal;

import java.util.Optional;

/**
 * One principal-list row: the columns a list shows, e.g. principal 1000004, user {@code ada@example.com},
 * and, when a membership relation was asked for, whether it holds. Lists read only these columns,
 * never a whole {@link Principal} (hashes, JSON properties, timestamps).
 */
public record PrincipalRow(long principalId, long accountId, PrincipalType type, Optional<String> login, String name,
                           Optional<String> email, Optional<String> description, boolean isPrimary, boolean isHidden,
                           Optional<Boolean> isMember) {

    /** The Breeze login: a user's login, a group's name. */
    public String breezeLogin() {
        return login.orElse(name);
    }
}
