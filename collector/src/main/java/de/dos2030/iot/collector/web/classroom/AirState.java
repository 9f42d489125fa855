package de.dos2030.iot.collector.web.classroom;

import de.dos2030.iot.model.ClassroomGuidance;
import io.micronaut.core.annotation.Nullable;

/**
 * The classroom traffic light from the room's CO2: good below {@link ClassroomGuidance#CO2_AIR_PPM},
 * air the room from it, air it now from {@link ClassroomGuidance#CO2_AIR_NOW_PPM}: the same values the
 * gateways' default school rules raise on. Shown with text and icon, never colour alone.
 */
public enum AirState {
    GOOD("good", "✓"),
    AIR("air", "!"),
    AIR_NOW("air-now", "‼"),
    UNKNOWN("unknown", "?");

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
        return co2 >= ClassroomGuidance.CO2_AIR_NOW_PPM ? AIR_NOW : co2 >= ClassroomGuidance.CO2_AIR_PPM ? AIR : GOOD;
    }

    /** The name in CSS classes, the JSON and message keys ({@code air.state.<name>}). */
    public String wireName() {
        return wireName;
    }

    public String icon() {
        return icon;
    }
}
