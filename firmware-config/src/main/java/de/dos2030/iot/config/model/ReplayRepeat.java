package de.dos2030.iot.config.model;

/** What a replay does at the end of its file: stop, or start over (timestamps keep moving forward). */
public enum ReplayRepeat {
    ONCE("once"),
    LOOP("loop");

    private final String wireName;

    ReplayRepeat(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the YAML file. */
    public String wireName() {
        return wireName;
    }
}
