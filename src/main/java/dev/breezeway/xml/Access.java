package dev.breezeway.xml;

/**
 * Who may call an action: anyone, any logged-in principal, members of the account's {@code admins}
 * group, or logged-in callers holding the permission the table names (administrators hold them all).
 */
public enum Access {
    ANYONE,
    LOGGED_IN,
    ADMIN,
    PERMISSION
}
