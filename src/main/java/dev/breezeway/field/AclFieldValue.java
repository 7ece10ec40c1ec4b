package dev.breezeway.field;

/**
 * The value of one field on one ACL object, e.g. acl-id 1000009, field-id {@code first-name}, "Ada",
 * or acl-id 1000009, field-id {@code 900000003}, "Belgium".
 */
public record AclFieldValue(long aclId, String fieldId, String value) {
}
