package dev.breezeway.xml;

import dev.breezeway.access.Access;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The action table: wire name → (access, handler). Built once in {@code App}; a duplicate name fails at start-up. */
public final class ActionRegistry {
    /** One row of the table. */
    public record Entry(String name, Access access, Action action, boolean duringPasswordChange) {
    }

    private final Map<String, Entry> entries;

    private ActionRegistry(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    /** Collects rows in declaration order. */
    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        public Builder add(String name, Access access, Action action) {
            return add(name, access, action, false);
        }

        /** A row a session held back for a password change (temporary or expired password) may call. */
        public Builder addDuringPasswordChange(String name, Access access, Action action) {
            return add(name, access, action, true);
        }

        private Builder add(String name, Access access, Action action, boolean duringPasswordChange) {
            if (access == null) {
                throw new IllegalStateException("action '" + name + "' declares no access");
            }
            if (entries.putIfAbsent(name, new Entry(name, access, action, duringPasswordChange)) != null) {
                throw new IllegalStateException("action '" + name + "' is registered twice");
            }
            return this;
        }

        public ActionRegistry build() {
            return new ActionRegistry(new LinkedHashMap<>(entries));
        }
    }
}
