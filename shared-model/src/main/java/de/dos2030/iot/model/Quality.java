package de.dos2030.iot.model;

/** How far a reading can be trusted, as judged by the driver and filters on the gateway. */
public enum Quality {
    /** Measured and plausible. */
    OK,
    /** Plausible but doubtful: an outlier that was kept, a sensor still warming up, a replaced value. */
    SUSPECT,
    /** The sensor reported a value beyond its own measuring range (clamped to it). */
    OUT_OF_RANGE,
    /** The driver saw a fault (CRC error, self-test failure, invalid value) around this sample. */
    SENSOR_FAULT,
    /** Taken while the sensor was calibrating (e.g. forced recalibration of an SCD41). */
    CALIBRATING
}
