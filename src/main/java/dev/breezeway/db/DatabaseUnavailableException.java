package dev.breezeway.db;

/** The database could not be reached (or refused the credentials) at start: one line for the operator. */
public final class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
