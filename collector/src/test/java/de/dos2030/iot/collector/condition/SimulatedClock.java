package de.dos2030.iot.collector.condition;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the simulation sets: time moves only when the test says so. */
final class SimulatedClock extends Clock {
    private Instant now;

    SimulatedClock(Instant start) {
        this.now = start;
    }

    void set(Instant t) {
        now = t;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
