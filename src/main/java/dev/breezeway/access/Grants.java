package dev.breezeway.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Everything one principal holds, computed once by {@link Authorizer}: all of it (members of
 * {@code admins}, rank SUPER), or the union of its rank's grants, its roles' permissions and its own
 * ACL entries, plus {@code directory:list} for every person, e.g. {@code [users:*, groups:update]}.
 */
public record Grants(boolean all, List<Grant> entries, boolean person) {
    static final Grant BASELINE = Grant.of(PermissionCatalogue.DIRECTORY_LIST);

    public Grants {
        entries = List.copyOf(entries);
    }

    public boolean holds(String permission) {
        return holds(Grant.of(permission));
    }

    /** True if these grants give {@code wanted} (a wildcard is held only by a grant at least as wide). */
    public boolean holds(Grant wanted) {
        if (all) {
            return true;
        }
        if (person && BASELINE.covers(wanted)) {
            return true;
        }
        for (Grant e : entries) {
            if (e.covers(wanted)) {
                return true;
            }
        }
        return false;
    }

    public boolean holdsAll(Collection<Grant> wanted) {
        return wanted.stream().allMatch(this::holds);
    }

    /**
     * True if holding these gives at least everything {@code other} holds. The baseline every person
     * holds is no power over anyone, so it is left out of the comparison.
     */
    public boolean covers(Grants other) {
        if (other.all) {
            return all;
        }
        return holdsAll(other.entries);
    }

    /** The catalogue permissions held, in catalogue order, then any other entries as they were given. */
    public List<String> report() {
        List<String> out = new ArrayList<>();
        for (String p : PermissionCatalogue.ALL) {
            if (holds(p)) {
                out.add(p);
            }
        }
        if (!all) {
            for (Grant e : entries) {
                if (!PermissionCatalogue.isKnown(e.toString()) && !out.contains(e.toString())) {
                    out.add(e.toString());
                }
            }
        }
        return List.copyOf(out);
    }
}
