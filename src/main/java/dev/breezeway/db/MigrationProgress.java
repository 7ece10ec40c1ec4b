package dev.breezeway.db;

import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each migration as it starts and when it is applied, with its duration (some take minutes). */
final class MigrationProgress extends BaseCallback {
    private static final Logger log = LoggerFactory.getLogger(MigrationProgress.class);
    private long started;

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE
                || event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        MigrationInfo m = context.getMigrationInfo();
        String name = m == null ? "?" : "V" + m.getVersion() + " (" + m.getDescription() + ")";
        switch (event) {
            case BEFORE_EACH_MIGRATE -> {
                started = System.nanoTime();
                log.info("Applying migration {}…", name);
            }
            case AFTER_EACH_MIGRATE -> log.info("Applied migration {} in {} ms", name, elapsedMs());
            default -> log.error("Migration {} failed after {} ms", name, elapsedMs());
        }
    }

    private long elapsedMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    @Override
    public String getCallbackName() {
        return "breezeway-migration-progress";
    }
}
