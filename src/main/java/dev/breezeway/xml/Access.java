package dev.breezeway.xml;

import java.util.Optional;

/**
 * Who may call an action: anyone, any logged-in principal, or a caller holding a permission from the
 * catalogue, e.g. {@code Access.requires("users:delete")} (members of the Breeze {@code admins} group
 * hold every permission).
 */
public final class Access {
    public static final Access ANYONE = new Access(false, Optional.empty());
    public static final Access LOGGED_IN = new Access(true, Optional.empty());

    private final boolean login;
    private final Optional<String> permission;

    private Access(boolean login, Optional<String> permission) {
        this.login = login;
        this.permission = permission;
    }

    public static Access requires(String permission) {
        return new Access(true, Optional.of(permission));
    }

    public boolean needsLogin() {
        return login;
    }

    public Optional<String> permission() {
        return permission;
    }
}
