package de.dos2030.iot.edge.update;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's liveness for the watchdog ({@link SystemdNotifier}): a working loop (the sensor hand-off, the
 * pipeline) calls {@link #beat()} each round; {@link #beatWithin(Duration)} says whether it did lately. A start
 * counts as a beat. Thread-safe, allocation-free per beat.
 */
public final class ProgressBeacon {
    private final Clock clock;
    private final AtomicLong last;

    public ProgressBeacon(Clock clock) {
        this.clock = clock;
        this.last = new AtomicLong(clock.millis());
    }

    public void beat() {
        last.set(clock.millis());
    }

    public boolean beatWithin(Duration window) {
        return clock.millis() - last.get() <= window.toMillis();
    }
}
