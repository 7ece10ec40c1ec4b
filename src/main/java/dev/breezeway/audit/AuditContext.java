package dev.breezeway.audit;

import dev.breezeway.principal.Face;
import java.util.Optional;

/**
 * Where the request being served came from: its face ({@code xml} for {@code /api/xml}, {@code json} for the
 * JSON API) and the client's address as the connection shows it. The servlets open it around each request
 * ({@link #open}); {@link AuditLog} reads it, so the services that record events only pass the caller's
 * session. Work outside a request (housekeeping) has none and records neither.
 */
public final class AuditContext {
    private static final ThreadLocal<Origin> CURRENT = new ThreadLocal<>();

    /** The face and address of one request. */
    public record Origin(Face face, String address) {
    }

    /** Closes the request's context. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private AuditContext() {
    }

    /** Sets the origin of the calling thread's request until the scope is closed. */
    public static Scope open(Face face, String address) {
        Origin before = CURRENT.get();
        CURRENT.set(new Origin(face, address));
        return () -> {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        };
    }

    /** The origin of the request the calling thread serves, if any. */
    public static Optional<Origin> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
