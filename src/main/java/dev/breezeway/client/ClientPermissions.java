package dev.breezeway.client;

import java.util.List;

/**
 * The permissions the API-client operations check, in {@code resource:permission} form as roles and
 * ACL entries grant them, e.g. a client whose role holds {@code users:list} may call
 * {@code GET /api/v1/users}. Members of the Breeze {@code admins} group hold them all; an API client
 * holds only what its own roles grant.
 */
public final class ClientPermissions {
    /** client-list, {@code GET /resources/clients}, {@code GET /resources/clients/{clientId}}. */
    public static final String CLIENTS_READ = "clients:read";
    /** client-create, -rotate, -revoke, -roles-update and their {@code /resources/clients} equivalents. */
    public static final String CLIENTS_MANAGE = "clients:manage";
    /** Creating a user with principal-update without being an administrator (how API clients create users). */
    public static final String USERS_CREATE = "users:create";
    /** {@code GET /api/v1/users}. */
    public static final String USERS_LIST = "users:list";
    /** {@code GET /api/v1/users/{humanId}}. */
    public static final String USERS_READ = "users:read";
    /** {@code DELETE /api/v1/users/{humanId}} and principal-deactivate (soft deletion). */
    public static final String USERS_DELETE = "users:delete";

    /** Every permission above, for the server-wide catalogue. */
    public static final List<String> ALL = List.of(CLIENTS_READ, CLIENTS_MANAGE, USERS_CREATE, USERS_LIST, USERS_READ,
            USERS_DELETE);

    private ClientPermissions() {
    }
}
