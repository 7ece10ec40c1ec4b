package dev.breezeway.access;

import java.util.Optional;

/**
 * What one row of the action table or the route table requires of its caller, declared on the row so
 * that each table shows at a glance who may call what, e.g.
 * {@code .add("principals-delete", Access.permission("users:delete"), …)}.
 *
 * <p>The gate in front of every row checks the login and a plain permission; the kinds whose answer
 * depends on the target ({@link Kind#SELF_OR}, {@link Kind#OWNER_OR}, {@link Kind#CREATE_OR_UPDATE},
 * {@link Kind#CLIENT})
 * are decided by the feature through {@link Authorizer}, once it knows the target.
 */
public record Access(Kind kind, Optional<String> permission, Optional<String> otherPermission) {

    /** The kinds of requirement. */
    public enum Kind {
        /** No session needed, e.g. {@code login}. */
        ANYONE,
        /** Any live session; the feature narrows what it shows to what the caller may see. */
        LOGGED_IN,
        /** A permission, checked at the gate. */
        PERMISSION,
        /** The caller itself as the target, or the permission for anyone else. */
        SELF_OR,
        /** An API client's own users, or the permission for anyone else's. */
        OWNER_OR,
        /** The first permission to create; the target itself or the second permission to update. */
        CREATE_OR_UPDATE,
        /** An API client's token, for the users that client created; anyone else is refused. */
        CLIENT
    }

    public static final Access ANYONE = new Access(Kind.ANYONE, Optional.empty(), Optional.empty());
    public static final Access LOGGED_IN = new Access(Kind.LOGGED_IN, Optional.empty(), Optional.empty());
    public static final Access CLIENT = new Access(Kind.CLIENT, Optional.empty(), Optional.empty());

    public static Access permission(String permission) {
        return new Access(Kind.PERMISSION, Optional.of(permission), Optional.empty());
    }

    public static Access selfOr(String permission) {
        return new Access(Kind.SELF_OR, Optional.of(permission), Optional.empty());
    }

    public static Access ownerOr(String permission) {
        return new Access(Kind.OWNER_OR, Optional.of(permission), Optional.empty());
    }

    public static Access createOrUpdate(String create, String update) {
        return new Access(Kind.CREATE_OR_UPDATE, Optional.of(create), Optional.of(update));
    }

    public boolean needsLogin() {
        return kind != Kind.ANYONE;
    }

    /** The permission the gate checks before the handler runs, if the row's requirement is a plain one. */
    public Optional<String> gatePermission() {
        return kind == Kind.PERMISSION ? permission : Optional.empty();
    }

    /** How the README's tables say it, e.g. {@code self or `users:read`}. */
    public String describe() {
        return switch (kind) {
            case ANYONE -> "anyone";
            case LOGGED_IN -> "logged in";
            case PERMISSION -> "`" + permission.orElseThrow() + "`";
            case SELF_OR -> "self or `" + permission.orElseThrow() + "`";
            case OWNER_OR -> "own client users or `" + permission.orElseThrow() + "`";
            case CREATE_OR_UPDATE -> "`" + permission.orElseThrow() + "` to create, self or `"
                    + otherPermission.orElseThrow() + "` to update";
            case CLIENT -> "API client (its own users)";
        };
    }
}
