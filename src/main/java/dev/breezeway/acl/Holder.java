package dev.breezeway.acl;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Who holds a permission: a principal, e.g. {@code principal-id=1000009}, or a pseudo-principal,
 * e.g. {@code principal-id=public-access}. {@link #key()} is the stored and wire form.
 */
public sealed interface Holder {

    /** The wire and stored form: a decimal principal id or the pseudo-principal's name. */
    String key();

    /** The principal id, for a principal. */
    OptionalLong principalId();

    /** A principal of the principal table. */
    record OfPrincipal(long id) implements Holder {
        @Override
        public String key() {
            return Long.toString(id);
        }

        @Override
        public OptionalLong principalId() {
            return OptionalLong.of(id);
        }
    }

    /** {@code public-access} or {@code logged-in-access}. */
    record Pseudo(PseudoPrincipal principal) implements Holder {
        @Override
        public String key() {
            return principal.wire();
        }

        @Override
        public OptionalLong principalId() {
            return OptionalLong.empty();
        }
    }

    /** The holder named by a wire {@code principal-id}: a positive id or a pseudo-principal name. */
    static Optional<Holder> parse(String raw) {
        Optional<PseudoPrincipal> pseudo = PseudoPrincipal.fromWire(raw);
        if (pseudo.isPresent()) {
            return Optional.of(new Pseudo(pseudo.get()));
        }
        try {
            long id = Long.parseLong(raw.strip());
            return id > 0 ? Optional.of(new OfPrincipal(id)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
