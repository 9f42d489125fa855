package de.dos2030.iot.edge.sample;

import de.dos2030.iot.model.Quality;
import java.time.Instant;

/**
 * Receives everything the scheduler's sensors produce. Called from bus threads: implementations
 * must be thread-safe and quick (hand over to a queue for anything slow).
 */
public interface SensorListener {

    void sample(Sample sample);

    /** A sensor went faulty, or its fault changed. Repeats of the same fault are not re-sent. */
    void fault(SensorFault fault);

    /** A faulty sensor delivered a good sample again. */
    default void recovered(String sensorId, Instant time) {}

    /** All three axes of one accelerometer set, see {@code SampleSink.axes} in the sensor layer. Ignored by default. */
    default void axes(String sensorId, Instant time, double x, double y, double z, Quality quality) {}
}
