package de.dos2030.iot.config.model;

/** What a jump filter's {@code max-jump} is measured against. */
public enum JumpPer {
    /** Change per second of time between the two samples: independent of the sample rate. */
    SECOND("second"),
    /** Change from one sample to the next, however far apart they are. */
    SAMPLE("sample");

    private final String wireName;

    JumpPer(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the YAML file. */
    public String wireName() {
        return wireName;
    }
}
