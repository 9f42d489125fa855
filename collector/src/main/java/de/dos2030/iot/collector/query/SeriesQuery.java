package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ErrorAnswer;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.api.TimeParameter;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.WireNames;
import io.micronaut.core.annotation.Nullable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated series request. Built only through {@link #parse}, which refuses anything it cannot
 * read with a message naming the parameter and what is allowed.
 *
 * @param window    null for raw points
 * @param aggregate null for raw points
 * @param quality   {@code ok} (the default) or null for every quality
 * @param location  a location (room, bridge section) of {@code site}: only its sensors; null for all
 * @param tz        the zone of calendar-day windows and local times, when the request names one;
 *                  null for the site's own zone
 */
public record SeriesQuery(
        Quantity quantity,
        Statistic statistic,
        @Nullable String site,
        @Nullable String siteKind,
        @Nullable String gateway,
        @Nullable String sensor,
        Instant from,
        Instant to,
        @Nullable Duration window,
        @Nullable Aggregate aggregate,
        @Nullable String quality,
        @Nullable String location,
        @Nullable ZoneId tz) {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(s|m|h|d)");
    /** The longest window: a year's statistic. Longer ones overflowed InfluxDB's nanoseconds (HTTP 500). */
    static final Duration MAX_WINDOW = Duration.ofDays(366);

    /** A query of every location, in the site's zone. */
    public SeriesQuery(
            Quantity quantity,
            Statistic statistic,
            @Nullable String site,
            @Nullable String siteKind,
            @Nullable String gateway,
            @Nullable String sensor,
            Instant from,
            Instant to,
            @Nullable Duration window,
            @Nullable Aggregate aggregate,
            @Nullable String quality) {
        this(quantity, statistic, site, siteKind, gateway, sensor, from, to, window, aggregate, quality, null, null);
    }

    /**
     * This query of one location of its site (null: of all). A location id is unique only within its
     * site, so {@code location} needs {@code site}; whether the site has it, the service checks.
     */
    public SeriesQuery withLocation(@Nullable String newLocation) {
        if (newLocation != null && site == null) {
            throw new BadRequestException("location needs site: a location id is unique only within its site,"
                    + " e.g. site=gs-kley&location=r204");
        }
        if (newLocation != null) {
            IdParameter.require("location", newLocation);
        }
        return new SeriesQuery(
                quantity,
                statistic,
                site,
                siteKind,
                gateway,
                sensor,
                from,
                to,
                window,
                aggregate,
                quality,
                newLocation,
                tz);
    }

    /** Parses request parameters; {@code now} and {@code defaultRange} fill a missing {@code to}/{@code from}. */
    public static SeriesQuery parse(
            @Nullable String quantity,
            @Nullable String statistic,
            @Nullable String site,
            @Nullable String siteKind,
            @Nullable String gateway,
            @Nullable String sensor,
            @Nullable String from,
            @Nullable String to,
            @Nullable String window,
            @Nullable String aggregate,
            @Nullable String quality,
            @Nullable String tz,
            Instant now,
            Duration defaultRange) {
        if (quantity == null || quantity.isEmpty()) {
            throw new BadRequestException("quantity is required (allowed: " + WireNames.allowed(Quantity.class) + ")");
        }
        Quantity q = Quantity.fromWireName(quantity);
        if (q == null) {
            throw new BadRequestException("quantity " + ErrorAnswer.quoted(quantity) + " is unknown (allowed: "
                    + WireNames.allowed(Quantity.class) + ")");
        }
        Statistic stat = Statistic.SAMPLE;
        if (statistic != null) {
            stat = WireNames.parse(Statistic.class, statistic);
            if (stat == null) {
                throw new BadRequestException("statistic " + ErrorAnswer.quoted(statistic) + " is unknown (allowed: "
                        + WireNames.allowed(Statistic.class) + ")");
            }
        }
        if (site != null) {
            IdParameter.require("site", site);
        }
        if (gateway != null) {
            IdParameter.require("gateway", gateway);
        }
        if (sensor != null) {
            IdParameter.require("sensor", sensor);
        }
        if (siteKind != null && !siteKind.equals("bridge") && !siteKind.equals("school")) {
            throw new BadRequestException(
                    "siteKind " + ErrorAnswer.quoted(siteKind) + " is unknown (allowed: bridge, school)");
        }
        Instant end = to == null ? now : TimeParameter.parse("to", to);
        Instant start = from == null ? end.minus(defaultRange) : TimeParameter.parse("from", from);
        TimeParameter.requireOrder("from", start, "to", end);
        Duration w = window == null ? null : duration(window);
        Aggregate agg = aggregate == null ? (w == null ? null : Aggregate.MEAN) : Aggregate.parse(aggregate);
        if (agg != null && w == null) {
            throw new BadRequestException("aggregate '" + agg.wireName() + "' needs a window, e.g. window=1m");
        }
        String qual = quality == null || quality.equals("ok") ? "ok" : null;
        if (quality != null && !quality.equals("ok") && !quality.equals("any")) {
            throw new BadRequestException("quality " + ErrorAnswer.quoted(quality) + " is unknown (allowed: ok, any)");
        }
        ZoneId zone = tz == null ? null : zone(tz);
        if (w != null) {
            WindowGrid.of(w, ZoneOffset.UTC); // refuses windows of a day or longer that are not whole days
        }
        return new SeriesQuery(q, stat, site, siteKind, gateway, sensor, start, end, w, agg, qual, null, zone);
    }

    /** An IANA zone ({@code Europe/Berlin}) or a fixed offset ({@code +01:00}). */
    static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new BadRequestException("tz " + ErrorAnswer.quoted(text)
                    + " is not a time zone: use an IANA name such as Europe/Berlin, or an offset such as +01:00");
        }
    }

    /** {@code 10s}, {@code 1m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT1M}); at least one second, whole seconds. */
    static Duration duration(String text) {
        Duration d;
        Matcher m = SHORT_DURATION.matcher(text);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(text);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new BadRequestException(
                    "window " + ErrorAnswer.quoted(text) + " is not a duration (e.g. 10s, 1m, 1h, 1d or PT1M)");
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.getNano() != 0) {
            throw new BadRequestException("window " + ErrorAnswer.quoted(text) + " must be whole seconds, at least 1s");
        }
        if (d.compareTo(MAX_WINDOW) > 0) {
            throw new BadRequestException("window " + ErrorAnswer.quoted(text) + " is longer than 366d");
        }
        return d;
    }

    /** Where the answer says its readings' quality: raw points each, windows of any quality per series. */
    public QualityDetail qualityDetail() {
        if (window == null) {
            return QualityDetail.PER_POINT;
        }
        return quality == null ? QualityDetail.PER_SERIES : QualityDetail.NONE;
    }

    /** The InfluxDB field this query reads. */
    public String field() {
        return de.dos2030.iot.collector.storage.StorageLayout.fieldOf(quantity, statistic);
    }
}
