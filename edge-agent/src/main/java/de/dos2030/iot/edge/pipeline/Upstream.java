package de.dos2030.iot.edge.pipeline;

import de.dos2030.iot.config.model.SensorConfig;

/**
 * What a sensor sends upstream. The gateway file has no key for it (yet): it follows from the
 * sensor's feature windows, see {@link #of(SensorConfig)}.
 */
public enum Upstream {
    /** Every (filtered) sample; window features too if configured. */
    RAW,
    /**
     * Window features continuously; raw samples only while one of the sensor's alerts is active
     * (the raw burst an engineer needs to look at the event). The bridge default.
     */
    FEATURES;

    /** FEATURES for a sensor with feature windows, RAW for one without. */
    public static Upstream of(SensorConfig sensor) {
        return sensor.features().isEmpty() ? RAW : FEATURES;
    }
}
