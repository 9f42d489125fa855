package de.dos2030.iot.edge.sensor;

import de.dos2030.iot.edge.port.BusFactory;
import java.time.Clock;
import java.time.Duration;

/** Where a contract test runs: simulated chips on a virtual clock, or the real Pi. */
public interface Rig extends AutoCloseable {

    BusFactory buses();

    Clock clock();

    /** Runs the scheduler for {@code duration} of (virtual or real) time. */
    void run(SensorScheduler scheduler, Duration duration);

    @Override
    void close();
}
