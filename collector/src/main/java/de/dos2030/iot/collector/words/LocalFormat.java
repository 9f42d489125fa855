package de.dos2030.iot.collector.words;

import io.micronaut.core.annotation.Nullable;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Numbers, units and times as a person of this language reads them: {@code 1.234 ppm} and
 * {@code 27.11.2026 08:15} in German, {@code 1,234 ppm} and {@code 27 Nov 2026 08:15} in English, times in
 * the given zone. The one place these rules live: the pages ({@code web.Formats}) and the alert texts both
 * use it. Not thread-safe (NumberFormat is not): one per render.
 */
public final class LocalFormat {
    private static final Map<String, String> UNITS = Map.of("degC", "°C", "um/m", "µm/m", "deg", "°", "1", "");

    private final Locale locale;
    private final ZoneId zone;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter dateTimeSeconds;
    private final DateTimeFormatter time;

    public LocalFormat(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
        boolean german = locale.getLanguage().equals("de");
        this.dateTime = DateTimeFormatter.ofPattern(german ? "dd.MM.yyyy HH:mm" : "d MMM yyyy HH:mm", locale)
                .withZone(zone);
        this.time = DateTimeFormatter.ofPattern("HH:mm", locale).withZone(zone);
        this.dateTimeSeconds = DateTimeFormatter.ofPattern(
                        german ? "dd.MM.yyyy HH:mm:ss" : "d MMM yyyy HH:mm:ss", locale)
                .withZone(zone);
    }

    /** A number with the locale's grouping and decimal sign; fewer decimals the larger it is; "–" for none. */
    public String number(@Nullable Number value) {
        if (value == null) {
            return "–";
        }
        double v = value.doubleValue();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        double abs = Math.abs(v);
        f.setMaximumFractionDigits(abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 4);
        return f.format(v);
    }

    /** A whole number with grouping: counts such as an outbox backlog. */
    public String count(@Nullable Number value) {
        return value == null ? "–" : NumberFormat.getIntegerInstance(locale).format(value.longValue());
    }

    /** A value with its unit, separated by a space: {@code 1.234 ppm}, {@code 21,5 °C}. */
    public String quantity(@Nullable Number value, @Nullable String unit) {
        String shown = unit(unit);
        return shown.isEmpty() || value == null ? number(value) : number(value) + " " + shown;
    }

    /** The unit as people write it ({@code degC} is {@code °C}). */
    public String unit(@Nullable String unit) {
        return unit == null ? "" : UNITS.getOrDefault(unit, unit);
    }

    /** The time of day to the minute ({@code 08:15}); "–" for none. */
    public String time(@Nullable Instant t) {
        return t == null ? "–" : time.format(t);
    }

    /** Date and time to the minute in this zone; "–" for none. */
    public String dateTime(@Nullable Instant t) {
        return t == null ? "–" : dateTime.format(t);
    }

    /** Date and time to the second. */
    public String dateTimeSeconds(@Nullable Instant t) {
        return t == null ? "–" : dateTimeSeconds.format(t);
    }

    public ZoneId zone() {
        return zone;
    }

    public Locale locale() {
        return locale;
    }
}
