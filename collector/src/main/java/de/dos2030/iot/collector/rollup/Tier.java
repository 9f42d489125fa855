package de.dos2030.iot.collector.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The rollup tiers, finest first. Minutes and hours are UTC-aligned; a day is a calendar day in the
 * site's zone, so it lasts 23, 24 or 25 hours. Stateless.
 */
public enum Tier {
    MINUTE("1m", Duration.ofMinutes(1)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("1d", null);

    private final String wireName;
    private final Duration fixedLength;

    Tier(String wireName, Duration fixedLength) {
        this.wireName = wireName;
        this.fixedLength = fixedLength;
    }

    /** {@code 1m}, {@code 1h}, {@code 1d}: in answers, error messages and retention policy names. */
    public String wireName() {
        return wireName;
    }

    /** The start of the cell holding {@code t}. */
    public Instant cellStart(Instant t, ZoneId zone) {
        if (this == DAY) {
            return LocalDate.ofInstant(t, zone).atStartOfDay(zone).toInstant();
        }
        long ms = fixedLength.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
    }

    /** The start of the cell after the one starting at {@code cellStart}. */
    public Instant nextCell(Instant cellStart, ZoneId zone) {
        if (this == DAY) {
            return LocalDate.ofInstant(cellStart, zone)
                    .plusDays(1)
                    .atStartOfDay(zone)
                    .toInstant();
        }
        return cellStart.plus(fixedLength);
    }

    /** Whether {@code t} is where a cell of this tier starts. */
    public boolean isCellStart(Instant t, ZoneId zone) {
        return cellStart(t, zone).equals(t);
    }

    /** The next finer tier; null for minutes (whose finer source is the raw readings). */
    public Tier finer() {
        return this == MINUTE ? null : values()[ordinal() - 1];
    }
}
