package dev.breezeway.access;

import java.util.Optional;

/**
 * One permission held or wanted: a resource and a permission on it, either of which may be {@code *},
 * e.g. {@code users:delete}, {@code orders:*} or {@code *:*} (everything).
 */
public record Grant(String resource, String permission) {
    /** Everything: what members of {@code admins} and rank SUPER hold. */
    public static final Grant ALL = new Grant("*", "*");

    /** Parses {@code "orders:*"}; the last colon separates the permission. */
    public static Optional<Grant> parse(String s) {
        int i = s.lastIndexOf(':');
        if (i <= 0 || i == s.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Grant(s.substring(0, i), s.substring(i + 1)));
    }

    /** Parses a permission known to be well-formed, e.g. a catalogue constant. */
    public static Grant of(String s) {
        return parse(s).orElseThrow(() -> new IllegalArgumentException("not a permission: " + s));
    }

    public boolean grants(String resource, String permission) {
        return (this.resource.equals("*") || this.resource.equals(resource))
                && (this.permission.equals("*") || this.permission.equals(permission));
    }

    /** True if holding this grant gives everything {@code other} gives (wildcards included). */
    public boolean covers(Grant other) {
        return (resource.equals("*") || resource.equals(other.resource))
                && (permission.equals("*") || permission.equals(other.permission));
    }

    @Override
    public String toString() {
        return resource + ":" + permission;
    }
}
