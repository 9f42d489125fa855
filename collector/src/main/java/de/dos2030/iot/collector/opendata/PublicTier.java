package de.dos2030.iot.collector.opendata;

import de.dos2030.iot.model.SiteKind;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What anonymous visitors may see of a public site ({@code collector.open.*}): classroom CO2 tells when a
 * room is occupied, so school data is published late and coarse. Engineers with a token see everything
 * live; this policy is for the open endpoints (exports, SensorThings, catalogue) and public pages only.
 *
 * @param schoolDelayDays  school data becomes public this many local calendar days later (1: from the next day)
 * @param schoolMinWindow  the finest window anonymous school data is given in
 * @param bridgeDelayDays  as {@code schoolDelayDays}, for bridges (0: up to the last whole window)
 * @param bridgeMinWindow  the finest window anonymous bridge data is given in (hourly statistics)
 */
@ConfigurationProperties("collector.open")
public record PublicTier(
        @Bindable(defaultValue = "1") int schoolDelayDays,
        @Bindable(defaultValue = "10m") @NotNull Duration schoolMinWindow,
        @Bindable(defaultValue = "0") int bridgeDelayDays,
        @Bindable(defaultValue = "1h") @NotNull Duration bridgeMinWindow) {

    public PublicTier {
        if (schoolDelayDays < 0 || bridgeDelayDays < 0) {
            throw new IllegalArgumentException("collector.open.*-delay-days must be 0 or more");
        }
        if (schoolMinWindow.isNegative() || bridgeMinWindow.isNegative()) {
            throw new IllegalArgumentException("collector.open.*-min-window must not be negative");
        }
    }

    /** The finest window an anonymous visitor gets for this kind of site. */
    public Duration minWindow(SiteKind kind) {
        return kind == SiteKind.SCHOOL ? schoolMinWindow : bridgeMinWindow;
    }

    /**
     * The end (exclusive) of what is public for a site of this kind and zone at {@code now}: the start of
     * the local day {@code delayDays} before today, or, without a delay, the start of the current
     * minimum window. Anonymous answers are cut at this instant.
     */
    public Instant publicUntil(SiteKind kind, ZoneId zone, Instant now) {
        int delay = kind == SiteKind.SCHOOL ? schoolDelayDays : bridgeDelayDays;
        if (delay > 0) {
            LocalDate today = LocalDate.ofInstant(now, zone);
            return today.minusDays(delay - 1L).atStartOfDay(zone).toInstant();
        }
        long window = Math.max(1, minWindow(kind).toMillis());
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), window) * window);
    }
}
