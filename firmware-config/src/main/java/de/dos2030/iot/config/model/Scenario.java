package de.dos2030.iot.config.model;

import de.dos2030.iot.model.SiteKind;

/**
 * A physical signal model that drives the simulated chips of a gateway. Each scenario belongs to
 * one kind of site: a classroom scenario on a bridge makes no sense and is rejected.
 */
public enum Scenario {
    /** A classroom in use, aired wide for 5 minutes every 20 minutes and in every break (UBA 2020). */
    CLASSROOM_AIRED("classroom-aired", SiteKind.SCHOOL),
    /** A classroom in use that nobody airs: CO2 climbs about 1500 ppm per lesson, past 2000 ppm. */
    CLASSROOM_UNAIRED("classroom-unaired", SiteKind.SCHOOL),
    /** An empty classroom: CO2 near outdoor level, temperature following the heating schedule. */
    CLASSROOM_EMPTY("classroom-empty", SiteKind.SCHOOL),
    /** A bridge with traffic-induced vibration events and daily temperature strain. */
    BRIDGE_TRAFFIC("bridge-traffic", SiteKind.BRIDGE),
    /** A bridge at night: ambient vibration only, slow thermal strain and tilt drift. */
    BRIDGE_AMBIENT("bridge-ambient", SiteKind.BRIDGE);

    private final String wireName;
    private final SiteKind siteKind;

    Scenario(String wireName, SiteKind siteKind) {
        this.wireName = wireName;
        this.siteKind = siteKind;
    }

    public String wireName() {
        return wireName;
    }

    /** The kind of site this scenario simulates. */
    public SiteKind siteKind() {
        return siteKind;
    }
}
