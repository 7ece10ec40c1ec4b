package dev.breezeway.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Repeated groups of parameters matched by position, e.g. the trios of permissions-update
 * {@code acl-id=1&principal-id=2&permission-id=view&acl-id=1&principal-id=3&permission-id=host}:
 * group i holds the i-th value of each name, or nothing where a name was sent fewer times.
 */
public final class ParamGroups {
    private ParamGroups() {
    }

    /** One group: the values of the names it was read with, by position. */
    public record Group(int index, List<Optional<String>> values) {
        public Optional<String> get(int i) {
            return values.get(i);
        }
    }

    /** As many groups as the most repeated of {@code names}; empty if none of them was sent. */
    public static List<Group> read(Params params, String... names) {
        List<List<String>> columns = new ArrayList<>();
        int n = 0;
        for (String name : names) {
            List<String> values = params.all(name);
            columns.add(values);
            n = Math.max(n, values.size());
        }
        List<Group> groups = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Optional<String>> values = new ArrayList<>(names.length);
            for (List<String> column : columns) {
                values.add(i < column.size() ? Optional.of(column.get(i)) : Optional.empty());
            }
            groups.add(new Group(i, List.copyOf(values)));
        }
        return groups;
    }
}
