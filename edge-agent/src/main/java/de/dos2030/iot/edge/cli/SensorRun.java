package de.dos2030.iot.edge.cli;

import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sim.VirtualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Drives a scheduler either on a virtual clock (simulated and replay sources: as fast as the CPU
 * allows, or paced at a speed factor for {@code watch}) or in real time (hardware present).
 */
final class SensorRun {

    private final Clock clock;
    private final VirtualClock virtual;
    private boolean started;

    private SensorRun(Clock clock, VirtualClock virtual) {
        this.clock = clock;
        this.virtual = virtual;
    }

    static SensorRun virtual(VirtualClock clock) {
        return new SensorRun(clock, clock);
    }

    static SensorRun realTime() {
        return new SensorRun(Clock.systemUTC(), null);
    }

    Clock clock() {
        return clock;
    }

    boolean isVirtual() {
        return virtual != null;
    }

    /**
     * Runs until {@code done} or {@code limit} of scheduler time has passed, checking every
     * {@code slice}. Virtual time does not wait on the wall clock unless {@code speed} is finite.
     *
     * @param speed virtual seconds per wall second; {@code Double.POSITIVE_INFINITY} for as fast as possible
     */
    void run(
            SensorScheduler scheduler,
            Duration limit,
            Duration slice,
            double speed,
            BooleanSupplier done,
            Runnable everySlice) {
        Instant end = clock.instant().plus(limit);
        if (virtual == null) {
            if (!started) {
                scheduler.start();
                started = true;
            }
            while (!done.getAsBoolean() && clock.instant().isBefore(end)) {
                sleep(slice.toMillis());
                everySlice.run();
            }
            return;
        }
        while (!done.getAsBoolean() && virtual.instant().isBefore(end)) {
            long wallStart = System.nanoTime();
            Instant sliceEnd = virtual.instant().plus(slice);
            scheduler.runUntil(sliceEnd.isAfter(end) ? end : sliceEnd, virtual::setInstant);
            everySlice.run();
            if (Double.isFinite(speed)) {
                long wantNanos = (long) (slice.toNanos() / speed);
                long rest = wantNanos - (System.nanoTime() - wallStart);
                if (rest > 0) sleep(rest / 1_000_000);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.max(1, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
