package dev.breezeway.access;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An organisation user's rank, one more source of permissions: {@code REGULAR} adds none, {@code ADMIN}
 * manages users, groups and policies, {@code SUPER} holds every permission like the Breeze admins group.
 */
public enum Rank {
    REGULAR(List.of()),
    ADMIN(List.of("users:*", "groups:update", "fields:manage", "iam/principals:*")),
    SUPER(List.of("*:*"));

    private final List<String> grants;

    Rank(List<String> grants) {
        this.grants = grants;
    }

    public List<String> grants() {
        return grants;
    }

    public static Optional<Rank> parse(String s) {
        return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(s.strip())).findFirst();
    }
}
