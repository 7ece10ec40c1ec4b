package dev.breezeway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BooleanSupplier;

/** Waiting for what another node sees, in tests of several nodes over one database. */
public final class Waits {
    private Waits() {
    }

    /** Milliseconds until {@code done} holds, polling every 20 ms; fails past 5 s. Prints the figure after {@code what}. */
    public static long millisUntil(String what, BooleanSupplier done) throws InterruptedException {
        long start = System.nanoTime();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime() - start).as("still not seen after 5 s").isLessThan(5_000_000_000L);
            Thread.sleep(20);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println(what + " after " + ms + " ms");
        return ms;
    }
}
