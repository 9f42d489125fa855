package de.dos2030.iot.edge.sensor;

import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.model.Quality;
import java.time.Instant;

/**
 * Where an {@link Acquisition} delivers what it read. Called on the bus thread that runs the
 * acquisition; implementations must be quick and thread-safe if shared between buses.
 */
public interface SampleSink {

    void sample(Sample sample);

    /**
     * A fault the acquisition survived (a CRC error on one read, an invalid value): the sample is
     * flagged or dropped and the sensor keeps running.
     */
    void fault(SensorException fault);

    /**
     * All three axes of one accelerometer set (a FIFO entry of an ADXL345/ADXL355), in g, for tilt
     * where no inclinometer is fitted: a {@link Sample} carries one axis. Delivered in addition to
     * the samples of the same set, after them. Ignored by default.
     */
    default void axes(String sensorId, Instant time, double x, double y, double z, Quality quality) {}
}
