package de.dos2030.iot.edge.sensor;

import de.dos2030.iot.edge.sim.SimulatedBusFactory;
import de.dos2030.iot.edge.sim.VirtualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Simulated chips on a virtual clock: tests run a minute of sensor time in milliseconds. */
public final class SimRig implements Rig {

    public static final Instant START = Instant.parse("2025-03-10T07:30:00Z");

    public final VirtualClock clock = new VirtualClock(START);
    public final SimulatedBusFactory buses = new SimulatedBusFactory();

    @Override
    public SimulatedBusFactory buses() {
        return buses;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void run(SensorScheduler scheduler, Duration duration) {
        scheduler.runUntil(clock.instant().plus(duration), clock::setInstant);
    }

    @Override
    public void close() {
        buses.close();
    }
}
