package dev.breezeway.acl;

/**
 * What an {@code acl-id} names. Accounts and principals share one id space, e.g. acl-id 1 is the
 * first account and acl-id 1000009 a user; SCOs do not exist in Breezeway yet.
 */
public enum AclKind {
    ACCOUNT,
    PRINCIPAL
}
