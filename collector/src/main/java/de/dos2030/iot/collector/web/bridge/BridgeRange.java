package de.dos2030.iot.collector.web.bridge;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * The trend ranges of the bridge page ({@code zeitraum}): a day in 15-minute means, a month in daily
 * means, a year in weekly means; all composed from the rollup tiers by the query planner.
 */
public enum BridgeRange {
    DAY("tag", Duration.ofDays(1), Duration.ofMinutes(15)),
    MONTH("monat", Duration.ofDays(30), Duration.ofDays(1)),
    YEAR("jahr", Duration.ofDays(364), Duration.ofDays(7));

    private final String wireName;
    private final Duration length;
    private final Duration window;

    BridgeRange(String wireName, Duration length, Duration window) {
        this.wireName = wireName;
        this.length = length;
        this.window = window;
    }

    /** The range of this parameter; null when it names none (the default, a day, is null's). */
    @Nullable
    public static BridgeRange parse(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return DAY;
        }
        for (BridgeRange r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        return null;
    }

    public String wireName() {
        return wireName;
    }

    public Duration length() {
        return length;
    }

    public Duration window() {
        return window;
    }
}
