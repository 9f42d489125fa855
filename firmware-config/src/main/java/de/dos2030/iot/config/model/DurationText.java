package de.dos2030.iot.config.model;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the gateway file writes them: a whole number and one unit, {@code 500ms},
 * {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d}. {@link #format} picks the largest exact unit,
 * so {@code parse(format(d))} is {@code d} for every whole-millisecond duration.
 */
public final class DurationText {

    /** The JSON Schema pattern and the parser's grammar. */
    public static final String PATTERN = "^[0-9]+(ms|s|m|h|d)$";

    public static final String ALLOWED = "a whole number with ms, s, m, h or d, e.g. 500ms, 10s, 5m";
    private static final Pattern GRAMMAR = Pattern.compile("([0-9]{1,12})\\s*([a-zA-Z]*)");

    private DurationText() {}

    /** The duration, or empty when the text is not a number with a known unit. */
    public static Optional<Duration> parse(String text) {
        Matcher m = GRAMMAR.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Optional.of(Duration.ofMillis(n));
            case "s" -> Optional.of(Duration.ofSeconds(n));
            case "m", "min" -> Optional.of(Duration.ofMinutes(n));
            case "h" -> Optional.of(Duration.ofHours(n));
            case "d" -> Optional.of(Duration.ofDays(n));
            default -> Optional.empty();
        };
    }

    /** True when the text is a number without a unit, a common slip worth its own message. */
    public static boolean lacksUnit(String text) {
        Matcher m = GRAMMAR.matcher(text.trim());
        return m.matches() && m.group(2).isEmpty();
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
