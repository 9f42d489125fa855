package de.dos2030.iot.model;

/**
 * What a gateway watches: a bridge (strain, vibration, tilt) or a school room (CO2, temperature,
 * humidity). The wire name is the spelling everywhere: the gateway's YAML file, the collector's
 * API and the {@code site_kind} tag in InfluxDB.
 */
public enum SiteKind {
    BRIDGE("bridge"),
    SCHOOL("school");

    private final String wireName;

    SiteKind(String wireName) {
        this.wireName = wireName;
    }

    /** {@code bridge} or {@code school}. */
    public String wireName() {
        return wireName;
    }
}
