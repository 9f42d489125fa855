package de.dos2030.iot.config.model;

/**
 * What a sensor sends upstream. Window features are computed whenever windows are configured
 * (rules may watch them); this decides only what leaves the gateway.
 */
public enum SendPolicy {
    /** Every filtered sample; window features stay on the gateway (rules still see them). */
    RAW("raw"),
    /**
     * Window features continuously; raw samples only while one of the sensor's alerts is active
     * (the burst an engineer needs to look at the event). Needs feature windows.
     */
    FEATURES("features"),
    /** Every filtered sample and the window features. Needs feature windows. */
    BOTH("both");

    private final String wireName;

    SendPolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the YAML file. */
    public String wireName() {
        return wireName;
    }
}
