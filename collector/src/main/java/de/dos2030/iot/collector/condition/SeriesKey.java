package de.dos2030.iot.collector.condition;

/** One followed feature: a bridge (site), one of its sensors, and the feature (f1..f3, strain, tilt). */
public record SeriesKey(String siteId, String sensorId, Feature feature) {
    public SeriesKey {
        if (siteId == null || sensorId == null || feature == null) {
            throw new IllegalArgumentException("series key needs site, sensor and feature");
        }
    }
}
