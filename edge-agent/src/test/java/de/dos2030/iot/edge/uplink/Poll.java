package de.dos2030.iot.edge.uplink;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition that other threads (broker, collector, dispatcher) bring about. */
public final class Poll {
    private Poll() {}

    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatFailed)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + whatFailed.get());
            }
            Thread.sleep(20);
        }
    }
}
