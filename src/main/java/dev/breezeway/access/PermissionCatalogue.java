package dev.breezeway.access;

import java.util.List;

/**
 * Every permission the server checks, and the only ones a role may hold (a {@code *} on either side of
 * the colon matches any), e.g. {@code users:read}, {@code roles:update}, {@code iam/principals:write}.
 */
public final class PermissionCatalogue {
    public static final String USERS_CREATE = "users:create";
    public static final String USERS_READ = "users:read";
    public static final String USERS_LIST = "users:list";
    public static final String USERS_UPDATE = "users:update";
    public static final String USERS_DELETE = "users:delete";
    public static final String USERS_PASSWORD_RESET = "users:password-reset";
    public static final String ROLES_CREATE = "roles:create";
    public static final String ROLES_READ = "roles:read";
    public static final String ROLES_LIST = "roles:list";
    public static final String ROLES_UPDATE = "roles:update";
    public static final String ROLES_DELETE = "roles:delete";
    public static final String GROUPS_UPDATE = "groups:update";
    public static final String FIELDS_MANAGE = "fields:manage";
    public static final String PERMISSIONS_MANAGE = "permissions:manage";
    public static final String PRINCIPALS_READ = "iam/principals:read";
    public static final String PRINCIPALS_WRITE = "iam/principals:write";
    /** client-create, -rotate, -revoke, -roles-update and /resources/clients writes. */
    public static final String CLIENTS_MANAGE = "clients:manage";
    /** Listing the Breeze directory (principal-list); every person holds it, API clients only through roles. */
    public static final String DIRECTORY_LIST = "directory:list";
    /** client-list and /resources/clients reads. */
    public static final String CLIENTS_READ = "clients:read";
    /** account-policy-update and PUT /resources/account/policies/{face}: the login and password policies. */
    public static final String POLICIES_MANAGE = "policies:manage";

    /** audit-event-list and GET /resources/audit-events: the audit trail. */
    public static final String AUDIT_READ = "audit:read";

    /** sending-create and POST /resources/sendings: mail to principals of the account. */
    public static final String MAIL_SEND = "mail:send";
    /** sending-list, sending-info and GET /resources/sendings[/{id}]: the outbox and its delivery states. */
    public static final String MAIL_READ = "mail:read";
    /**
     * header-auth-update and PUT/DELETE /resources/auth/header-auth: how users sign in through an authenticating
     * proxy. Whoever holds it can make any user's identity sign in, so it belongs to administrators only.
     */
    public static final String SIGN_IN_MANAGE = "sign-in:manage";

    public static final List<String> ALL = List.of(USERS_CREATE, USERS_READ, USERS_LIST, USERS_UPDATE, USERS_DELETE,
            USERS_PASSWORD_RESET, ROLES_CREATE, ROLES_READ, ROLES_LIST, ROLES_UPDATE, ROLES_DELETE, GROUPS_UPDATE,
            FIELDS_MANAGE, PERMISSIONS_MANAGE, PRINCIPALS_READ, PRINCIPALS_WRITE, CLIENTS_MANAGE, DIRECTORY_LIST, CLIENTS_READ, POLICIES_MANAGE,
            AUDIT_READ, MAIL_SEND, MAIL_READ, SIGN_IN_MANAGE);

    private PermissionCatalogue() {
    }

    /** True if {@code permission} is in the catalogue or a wildcard form matching part of it. */
    public static boolean isKnown(String permission) {
        int i = permission.lastIndexOf(':');
        if (i <= 0 || i == permission.length() - 1) {
            return false;
        }
        String resource = permission.substring(0, i);
        String action = permission.substring(i + 1);
        return ALL.stream().anyMatch(p -> {
            int j = p.lastIndexOf(':');
            return (resource.equals("*") || resource.equals(p.substring(0, j)))
                    && (action.equals("*") || action.equals(p.substring(j + 1)));
        });
    }
}
