package dev.breezeway.acl;

/** One explicit permission, e.g. principal 1000009 may {@code host} acl-id 1000020. */
public record Permission(long aclId, Holder holder, PermissionId permissionId) {
}
