package dev.breezeway.iam;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A principal list request: {@code limit} (1–100), {@code after} or {@code before} a cursor (a
 * principal id), {@code search} in name or email, {@code roles} (any of), {@code rolePrefix},
 * suspended ones only when asked, and one order.
 */
public record ListRequest(int limit, Optional<UUID> after, Optional<UUID> before, Optional<String> search,
                          List<String> roles, Optional<String> rolePrefix, boolean includeSuspended, Order order,
                          boolean ascending) {

    /** The orders the list offers. */
    public enum Order {
        NAME("name"), EMAIL("email"), LAST_ACTIVE_AT("lastActiveAt"), SUSPENDED_AT("suspendedAt");

        private final String wire;

        Order(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Optional<Order> fromWire(String s) {
            for (Order o : values()) {
                if (o.wire.equals(s)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }
}
