package de.dos2030.iot.edge.sensor;

import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A sensor as a state machine the {@link SensorScheduler} steps: each call does the bus
 * transactions that are due (send a command, fetch a result, drain a FIFO) and returns how long
 * to wait before the next call. No call sleeps: a chip's 5 s conversion is a returned delay,
 * not a blocked thread, so one bus thread can serve a 400 Hz accelerometer next to it.
 *
 * <p>The first steps check the chip's identity and put it in a known state. A thrown
 * {@link SensorException} means the chip must be started again ({@link #restart()}); a fault
 * the acquisition survives goes to {@link SampleSink#fault}.
 *
 * <p>Not thread-safe: one scheduler thread steps it.
 */
public interface Acquisition {

    SensorLabel label();

    /** Quantities this sensor delivers. */
    List<Quantity> quantities();

    /** One step at {@code now}; returns the delay until the next step (never negative). */
    Duration step(Instant now, SampleSink sink) throws SensorException;

    /** Chip id or serial as read during start-up, once known (e.g. {@code serial 0x1A2B3C4D5E6F}). */
    Optional<String> identity();

    /** Forget the chip's state: the next step runs the start-up sequence again. */
    void restart();
}
