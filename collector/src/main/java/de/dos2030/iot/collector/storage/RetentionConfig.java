package de.dos2030.iot.collector.storage;

import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Locale;

/**
 * How long InfluxDB keeps each site kind's raw readings and rollup tiers ({@code collector.retention.*}):
 * one retention policy each ({@code bridge_raw}, {@code school_1m}, ...: {@code rollup.TierLayout}),
 * created and kept at these durations by {@link InfluxSchema}. Values are {@code INF} or an InfluxQL
 * duration in hours, days or weeks ({@code 720h}, {@code 30d}, {@code 104w}); InfluxDB's shortest
 * retention is one hour. Events (alerts, health, quarantine) keep {@code collector.influx.retention-*}.
 *
 * @param bridgeRaw    a bridge's readings (100 Hz strain is the bulk of all data)
 * @param bridgeMinute a bridge's 1-minute tier
 * @param bridgeHour   a bridge's 1-hour tier
 * @param bridgeDay    a bridge's 1-day tier
 * @param schoolRaw    a school's readings
 * @param schoolMinute a school's 1-minute tier
 * @param schoolHour   a school's 1-hour tier
 * @param schoolDay    a school's 1-day tier
 */
@ConfigurationProperties("collector.retention")
public record RetentionConfig(
        @Bindable(defaultValue = "30d") @NotNull @Pattern(regexp = DURATION, message = MESSAGE)
        String bridgeRaw,

        @Bindable(defaultValue = "104w") @NotNull @Pattern(regexp = DURATION, message = MESSAGE)
        String bridgeMinute,

        @Bindable(defaultValue = "INF") @NotNull @Pattern(regexp = DURATION, message = MESSAGE)
        String bridgeHour,

        @Bindable(defaultValue = "INF") @NotNull @Pattern(regexp = DURATION, message = MESSAGE)
        String bridgeDay,

        @Bindable(defaultValue = "52w") @NotNull @Pattern(regexp = DURATION, message = MESSAGE)
        String schoolRaw,

        @Bindable(defaultValue = "104w") @NotNull @Pattern(regexp = DURATION, message = MESSAGE)
        String schoolMinute,

        @Bindable(defaultValue = "INF") @NotNull @Pattern(regexp = DURATION, message = MESSAGE)
        String schoolHour,

        @Bindable(defaultValue = "INF") @NotNull @Pattern(regexp = DURATION, message = MESSAGE)
        String schoolDay) {

    static final String DURATION = "INF|0*[1-9][0-9]{0,5}[hdw]";
    static final String MESSAGE = "must be INF or a number with h, d or w, at least 1h, e.g. 30d or 104w";

    /** The configured value for a site kind's raw readings ({@code tier} null) or tier, as written. */
    public String value(SiteKind kind, Tier tier) {
        boolean bridge = kind == SiteKind.BRIDGE;
        if (tier == null) {
            return bridge ? bridgeRaw : schoolRaw;
        }
        return switch (tier) {
            case MINUTE -> bridge ? bridgeMinute : schoolMinute;
            case HOUR -> bridge ? bridgeHour : schoolHour;
            case DAY -> bridge ? bridgeDay : schoolDay;
        };
    }

    /** How long a site kind's raw readings ({@code tier} null) or tier are kept; null for INF (forever). */
    public Duration duration(SiteKind kind, Tier tier) {
        return parse(value(kind, tier));
    }

    /** {@code INF} -> null, {@code 30d} -> 30 days, {@code 2w} -> 14 days, {@code 36h} -> 36 hours. */
    static Duration parse(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("inf")) {
            return null;
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            case 'w' -> Duration.ofDays(7 * n);
            default -> throw new IllegalArgumentException("not a retention duration: " + value);
        };
    }
}
