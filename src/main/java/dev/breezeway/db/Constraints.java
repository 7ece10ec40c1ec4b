package dev.breezeway.db;

import org.jooq.exception.DataAccessException;

/** Tells which named constraint an integrity violation broke, so stores can turn it into a domain error. */
public final class Constraints {
    private Constraints() {
    }

    /** True if {@code e} was caused by a violation of the constraint or unique key named {@code name}. */
    public static boolean violated(DataAccessException e, String name) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("'" + name + "'") || m.contains("." + name + "'"))) {
                return true;
            }
        }
        return false;
    }
}
