package de.dos2030.iot.collector.web.classroom;

import io.micronaut.core.annotation.Nullable;

/**
 * The classroom traffic light from the room's CO2: below 1000 ppm good, from 1000 ppm air the room,
 * from 2000 ppm air it now (Umweltbundesamt / Ad-hoc AG IRK 2008, shared/DOMAIN.md). The same limits
 * are the school defaults of the gateways' rules (firmware-config {@code Defaults.limits}), which the
 * collector does not depend on: a change there must be made here too. Shown with text and icon,
 * never colour alone.
 */
public enum AirState {
    GOOD("good", "✓"),
    AIR("air", "!"),
    AIR_NOW("air-now", "‼"),
    UNKNOWN("unknown", "?");

    /** From this CO2 (ppm) on, air the room. */
    public static final double AIR_FROM_PPM = 1000;
    /** From this CO2 (ppm) on, the air is unacceptable: air at once. */
    public static final double AIR_NOW_FROM_PPM = 2000;

    private final String wireName;
    private final String icon;

    AirState(String wireName, String icon) {
        this.wireName = wireName;
        this.icon = icon;
    }

    public static AirState of(@Nullable Double co2) {
        if (co2 == null || co2.isNaN()) {
            return UNKNOWN;
        }
        return co2 >= AIR_NOW_FROM_PPM ? AIR_NOW : co2 >= AIR_FROM_PPM ? AIR : GOOD;
    }

    /** The name in CSS classes, the JSON and message keys ({@code air.state.<name>}). */
    public String wireName() {
        return wireName;
    }

    public String icon() {
        return icon;
    }
}
