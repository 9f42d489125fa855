package de.dos2030.iot.collector.web;

import de.dos2030.iot.collector.words.LocalFormat;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Numbers, units and times as a person of this language reads them, in the pages' zone: the templates call
 * it as {@code fmt}; it only formats, it decides nothing. The rules live in {@link LocalFormat}, which the
 * alert texts share. One per page render (NumberFormat is not thread-safe).
 */
public final class Formats {
    private final LocalFormat format;

    public Formats(Locale locale, ZoneId zone) {
        this.format = new LocalFormat(locale, zone);
    }

    /** A number with the locale's grouping and decimal sign; fewer decimals the larger it is; "–" for none. */
    public String number(@Nullable Number value) {
        return format.number(value);
    }

    /** A whole number with grouping: counts such as an outbox backlog. */
    public String count(@Nullable Number value) {
        return format.count(value);
    }

    /** A value with its unit: {@code 1.234 ppm}, {@code 21,5 °C}. */
    public String quantity(@Nullable Number value, @Nullable String unit) {
        return format.quantity(value, unit);
    }

    /** A duration given in milliseconds, in seconds: {@code 4,2 s}; "–" for none. */
    public String seconds(@Nullable Long millis) {
        return millis == null ? "–" : quantity(millis / 1000.0, "s");
    }

    /** The unit as people write it ({@code degC} is {@code °C}). */
    public String unit(@Nullable String unit) {
        return format.unit(unit);
    }

    /** The time of day to the minute ({@code 08:15}), for a chart of one day; "–" for none. */
    public String time(@Nullable Instant t) {
        return format.time(t);
    }

    /** Date and time to the minute in the pages' zone; "–" for none. */
    public String dateTime(@Nullable Instant t) {
        return format.dateTime(t);
    }

    /** Date and time to the second (health reports, deliveries). */
    public String dateTimeSeconds(@Nullable Instant t) {
        return format.dateTimeSeconds(t);
    }

    /** The machine-readable form for {@code <time datetime>}. */
    public String iso(@Nullable Instant t) {
        return t == null ? "" : t.toString();
    }

    public ZoneId zone() {
        return format.zone();
    }

    public Locale locale() {
        return format.locale();
    }
}
