package dev.breezeway.xml;

/** Who may call an action: anyone, any logged-in principal, or members of the account's {@code admins} group. */
public enum Access {
    ANYONE,
    LOGGED_IN,
    ADMIN
}
