package dev.breezeway.acl;

import dev.breezeway.principal.PrincipalType;
import java.util.Optional;

/**
 * One principal of an account with its explicit permission on an object, if any: a row of the
 * permissions-info list, e.g. group 1000001 ({@code admins}) without permission.
 */
public record PermissionEntry(long principalId, PrincipalType type, boolean isPrimary, String name, String login,
                              Optional<String> description, Optional<PermissionId> permissionId) {
}
