package dev.breezeway.xml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The action table: wire name → (access, handler). Built once in {@code App}; a duplicate name fails at start-up. */
public final class ActionRegistry {
    /** One row of the table; {@code permission} is set exactly when access is {@link Access#PERMISSION}. */
    public record Entry(String name, Access access, Optional<String> permission, Action action) {
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
            if (access == Access.PERMISSION) {
                throw new IllegalArgumentException("action '" + name + "' needs the permission it checks");
            }
            return put(new Entry(name, access, Optional.empty(), action));
        }

        /** An action for logged-in callers holding {@code permission}, e.g. {@code clients:manage}. */
        public Builder add(String name, String permission, Action action) {
            return put(new Entry(name, Access.PERMISSION, Optional.of(permission), action));
        }

        private Builder put(Entry e) {
            if (entries.putIfAbsent(e.name(), e) != null) {
                throw new IllegalStateException("action '" + e.name() + "' is registered twice");
            }
            return this;
        }

        public ActionRegistry build() {
            return new ActionRegistry(new LinkedHashMap<>(entries));
        }
    }
}
