package de.dos2030.iot.edge.sensor;

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
}
