package de.dos2030.iot.edge.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to: simulated chips and the scheduler share it so that a
 * 5 s conversion or a school day passes without anybody sleeping. Thread-safe; never goes back.
 */
public final class VirtualClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public VirtualClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    public VirtualClock(Instant start, ZoneId zone) {
        this.now = new AtomicReference<>(start);
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // Shares the time source: moving either moves both.
        VirtualClock parent = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return parent.withZone(z);
            }

            @Override
            public Instant instant() {
                return parent.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** Moves forward by {@code step} (must not be negative). */
    public void advance(Duration step) {
        if (step.isNegative()) throw new IllegalArgumentException("time does not go back: " + step);
        now.updateAndGet(t -> t.plus(step));
    }

    /** Moves to {@code instant}; an earlier instant is ignored (time never goes back). */
    public void setInstant(Instant instant) {
        now.updateAndGet(t -> instant.isAfter(t) ? instant : t);
    }
}
