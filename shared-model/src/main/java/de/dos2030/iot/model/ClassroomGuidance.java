package de.dos2030.iot.model;

/**
 * The guidance values for a classroom's air, defined once: the gateways' default school rules
 * (firmware-config {@code Defaults.limits}) raise on them and the collector's classroom page draws its
 * traffic light and chart lines from them (shared/DOMAIN.md has the sources).
 */
public final class ClassroomGuidance {
    /** From this CO2 (ppm) on, air the room (Umweltbundesamt, Ad-hoc AG IRK 2008). */
    public static final double CO2_AIR_PPM = 1000;
    /** From this CO2 (ppm) on, the air is unacceptable: air at once (same source). */
    public static final double CO2_AIR_NOW_PPM = 2000;
    /** Above this room temperature (degC) measures should be taken (ASR A3.5). */
    public static final double TEMPERATURE_SHOULD_ACT_DEGC = 26;
    /** Above this room temperature (degC) measures must be taken (ASR A3.5). */
    public static final double TEMPERATURE_MUST_ACT_DEGC = 30;

    private ClassroomGuidance() {}
}
