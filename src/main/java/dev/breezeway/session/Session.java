package dev.breezeway.session;

import dev.breezeway.principal.PrincipalType;
import java.util.function.BooleanSupplier;

/**
 * A logged-in session as resolved from its token: who the caller is, e.g. principal 1000009
 * ({@code ada@example.com}, a user) in account 1, and whether it is an administrator. The
 * administrator check (a recursive membership query) runs only when a caller first needs it, so a
 * request that never asks costs no second round trip.
 */
public final class Session {
    private final long sessionId;
    private final long principalId;
    private final long accountId;
    private final PrincipalType type;
    private final String login;
    private final String name;
    private final boolean mustChangePassword;
    private final BooleanSupplier adminCheck;
    private volatile Boolean admin;

    public Session(long sessionId, long principalId, long accountId, PrincipalType type, String login, String name,
                   BooleanSupplier adminCheck, boolean mustChangePassword) {
        this.sessionId = sessionId;
        this.principalId = principalId;
        this.accountId = accountId;
        this.type = type;
        this.login = login;
        this.name = name;
        this.adminCheck = adminCheck;
        this.mustChangePassword = mustChangePassword;
    }

    public long sessionId() {
        return sessionId;
    }

    public long principalId() {
        return principalId;
    }

    public long accountId() {
        return accountId;
    }

    public PrincipalType type() {
        return type;
    }

    public String login() {
        return login;
    }

    public String name() {
        return name;
    }

    /** True for members (directly or through nested groups) of the account's {@code admins} group. */
    public boolean admin() {
        Boolean a = admin;
        if (a == null) {
            a = adminCheck.getAsBoolean();
            admin = a;
        }
        return a;
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }
}
