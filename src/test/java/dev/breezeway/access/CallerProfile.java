package dev.breezeway.access;

import java.util.Optional;
import java.util.Set;

/**
 * The ten callers of {@link AuthorizationMatrixHttpTest}, each with what it is declared to hold: whether it
 * presents a live session, whether it is an API client or a person, whether its session is a
 * temporary-password one, and its catalogue permissions ({@link Everything#ALL} for everything).
 */
enum CallerProfile {
    /** No session at all. */
    ANONYMOUS(Standing.NO_SESSION, Kind.NONE, Set.of()),
    /** A user without roles, rank or groups: only the baseline every person holds. */
    PLAIN_USER(Standing.LIVE, Kind.PERSON, Set.of(PermissionCatalogue.DIRECTORY_LIST)),
    /** A user whose one role holds exactly users:read, users:update and users:password-reset. */
    DELEGATED(Standing.LIVE, Kind.PERSON, Set.of(PermissionCatalogue.USERS_READ, PermissionCatalogue.USERS_UPDATE,
            PermissionCatalogue.USERS_PASSWORD_RESET, PermissionCatalogue.DIRECTORY_LIST)),
    /** Rank ADMIN: users:*, groups:update, fields:manage, iam/principals:* (Rank.ADMIN) and the baseline. */
    RANK_ADMIN(Standing.LIVE, Kind.PERSON, Set.of(PermissionCatalogue.USERS_CREATE, PermissionCatalogue.USERS_READ,
            PermissionCatalogue.USERS_LIST, PermissionCatalogue.USERS_UPDATE, PermissionCatalogue.USERS_DELETE,
            PermissionCatalogue.USERS_PASSWORD_RESET, PermissionCatalogue.GROUPS_UPDATE,
            PermissionCatalogue.FIELDS_MANAGE, PermissionCatalogue.PRINCIPALS_READ,
            PermissionCatalogue.PRINCIPALS_WRITE, PermissionCatalogue.DIRECTORY_LIST)),
    /** Rank SUPER: everything. */
    RANK_SUPER(Standing.LIVE, Kind.PERSON, Everything.ALL),
    /** A member of the built-in admins group: everything. */
    ADMINS_MEMBER(Standing.LIVE, Kind.PERSON, Everything.ALL),
    /** Logged in, then suspended by the administrator: its session ended, so it presents a dead token. */
    SUSPENDED(Standing.NO_SESSION, Kind.PERSON, Set.of()),
    /** Logged in with the temporary password of principal-password-reset: may only change it. */
    TEMP_PASSWORD(Standing.TEMPORARY, Kind.PERSON, Set.of(PermissionCatalogue.DIRECTORY_LIST)),
    /** An API client without roles: holds nothing (clients get no baseline). */
    CLIENT_NO_ROLES(Standing.LIVE, Kind.CLIENT, Set.of()),
    /** An API client whose role holds users:list, users:create, clients:read and directory:list. */
    CLIENT_WITH_ROLES(Standing.LIVE, Kind.CLIENT, Set.of(PermissionCatalogue.USERS_LIST,
            PermissionCatalogue.USERS_CREATE, PermissionCatalogue.CLIENTS_READ, PermissionCatalogue.DIRECTORY_LIST));

    /** Stands for "every permission" (admins group, rank SUPER); a nested class, so it exists before the constants. */
    static final class Everything {
        static final Set<String> ALL = Set.of("*:*");

        private Everything() {
        }
    }

    /** What the caller presents. */
    enum Standing { NO_SESSION, LIVE, TEMPORARY }

    /** Who the caller is. */
    enum Kind { NONE, PERSON, CLIENT }

    /** What the gate (or the feature, for target-dependent rows) does with one call. */
    enum Gate { PASS, NO_LOGIN, DENIED, PASSWORD_CHANGE }

    /** The two faces: their order of checks differs for temporary-password sessions. */
    enum Face { XML, JSON }

    final Standing standing;
    final Kind kind;
    final Set<String> holds;

    CallerProfile(Standing standing, Kind kind, Set<String> holds) {
        this.standing = standing;
        this.kind = kind;
        this.holds = holds;
    }

    boolean holds(String permission) {
        return holds == Everything.ALL || holds.contains(permission);
    }

    boolean isClient() {
        return kind == Kind.CLIENT;
    }

    /** Persons that can log in and whose session is live and unrestricted. */
    boolean isLivePerson() {
        return kind == Kind.PERSON && standing == Standing.LIVE;
    }

    /**
     * The expected outcome of calling a row declaring {@code access} with this profile, the caller itself as
     * the target of target-dependent rows (SELF_OR, LOGGED_IN, CREATE_OR_UPDATE, OWNER_OR) and a non-existent
     * target elsewhere. {@code allowDuringPasswordChange} is the row's flag on either face.
     */
    Gate expected(Access access, Face face, boolean allowDuringPasswordChange) {
        if (standing == Standing.TEMPORARY) {
            // Both faces hold a temporary-password session back only on rows that need a login: JSON before the
            // gate, unless the route allows it; XML after the gate (whose refusal looks the same: denied).
            if (face == Face.JSON && access.needsLogin() && !allowDuringPasswordChange) {
                return Gate.PASSWORD_CHANGE;
            }
            if (face == Face.XML && access.needsLogin() && !allowDuringPasswordChange) {
                return Gate.DENIED;
            }
        }
        if (!access.needsLogin()) {
            return Gate.PASS;
        }
        if (standing == Standing.NO_SESSION) {
            return Gate.NO_LOGIN;
        }
        Optional<String> p = access.permission();
        return switch (access.kind()) {
            case ANYONE, LOGGED_IN, SELF_OR, CREATE_OR_UPDATE -> Gate.PASS;
            case PERMISSION -> holds(p.orElseThrow()) ? Gate.PASS : Gate.DENIED;
            // The caller itself is no client user of its own: a client is answered by the feature (its own
            // users only, anything else not found), a person needs the permission.
            case OWNER_OR -> isClient() || holds(p.orElseThrow()) ? Gate.PASS : Gate.DENIED;
            case CLIENT -> isClient() ? Gate.PASS : Gate.DENIED;
        };
    }
}
