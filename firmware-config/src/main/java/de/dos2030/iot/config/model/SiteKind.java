package de.dos2030.iot.config.model;

/** What a gateway watches: a bridge (strain, vibration, tilt) or a school room (CO2, temperature, humidity). */
public enum SiteKind {
    BRIDGE("bridge"),
    SCHOOL("school");

    private final String wireName;

    SiteKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the YAML file. */
    public String wireName() {
        return wireName;
    }
}
