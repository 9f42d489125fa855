package de.dos2030.iot.collector.web.explorer;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.query.SeriesQuery;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The explorer's GET form as sent: the API's parameters, with a range ({@code 1h} ... {@code 365d})
 * instead of from/to. {@link #query} reads them through the API's own parser, so the page refuses
 * exactly what the API refuses; each refusal lands on the field it names.
 */
@Introspected
public record ExplorerForm(
        @Nullable @QueryValue String site,
        @Nullable @QueryValue String location,
        @Nullable @QueryValue String sensor,
        @Nullable @QueryValue String quantity,
        @Nullable @QueryValue String range,
        @Nullable @QueryValue String window,
        @Nullable @QueryValue String aggregate) {
    /** The ranges offered, longest last. */
    public static final List<String> RANGES = List.of("1h", "24h", "7d", "30d", "365d");

    public static final List<String> WINDOWS = List.of("", "1m", "5m", "1h", "1d", "7d");
    public static final List<String> AGGREGATES = List.of("mean", "min", "max", "count", "last", "stddev", "p95");

    /** One refused field: its form name, the bundle key of the words shown, the service's detail (English). */
    public record FieldError(String field, String key, String detail) {}

    public ExplorerForm {
        site = blank(site);
        location = blank(location);
        sensor = blank(sensor);
        quantity = blank(quantity);
        range = range == null || range.isBlank() ? "24h" : range;
        window = blank(window);
        aggregate = blank(aggregate);
    }

    /** True when the person asked for something (the empty form shows no answer and no errors). */
    public boolean asked() {
        return quantity != null || site != null || sensor != null;
    }

    /** The window as the form's select shows it: empty for raw readings. */
    public String windowShown() {
        return window == null ? "" : window;
    }

    /** The aggregate as the form's select shows it: mean unless chosen. */
    public String aggregateShown() {
        return aggregate == null ? "mean" : aggregate;
    }

    /** The range as a duration. */
    Duration rangeDuration() {
        if (!RANGES.contains(range)) {
            throw new BadRequestException(
                    "range '" + range + "' is unknown (allowed: " + String.join(", ", RANGES) + ")");
        }
        return range.endsWith("h")
                ? Duration.ofHours(Long.parseLong(range.substring(0, range.length() - 1)))
                : Duration.ofDays(Long.parseLong(range.substring(0, range.length() - 1)));
    }

    /**
     * The API query of this form at {@code now} (whole minutes, so that the API URL shown repeats it).
     *
     * @throws BadRequestException naming the parameter it cannot read
     */
    SeriesQuery query(Instant now) {
        Instant to = now.truncatedTo(ChronoUnit.MINUTES);
        Instant from = to.minus(rangeDuration());
        return SeriesQuery.parse(
                        quantity,
                        null,
                        site,
                        null,
                        null,
                        sensor,
                        from.toString(),
                        to.toString(),
                        window,
                        window == null ? null : aggregate,
                        null,
                        null,
                        to,
                        Duration.ofDays(1))
                .withLocation(location);
    }

    /** The API's parameters of this query, for the API URL and the CSV link. */
    static String apiParameters(SeriesQuery q) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quantity", q.quantity().wireName());
        put(p, "site", q.site());
        put(p, "location", q.location());
        put(p, "sensor", q.sensor());
        p.put("from", q.from().toString());
        p.put("to", q.to().toString());
        if (q.window() != null) {
            p.put("window", q.window().toString());
            p.put("aggregate", q.aggregate().wireName());
        }
        StringBuilder out = new StringBuilder();
        p.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /** This form's own query string, for the CSV link of the page route. */
    String formParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "site", site);
        put(p, "location", location);
        put(p, "sensor", sensor);
        put(p, "quantity", quantity);
        put(p, "range", range);
        put(p, "window", window);
        put(p, "aggregate", aggregate);
        StringBuilder out = new StringBuilder();
        p.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /** The field a service's refusal is about: the parameter its message starts with ({@code from}/{@code to} are the range). */
    static FieldError errorOf(BadRequestException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String first = message.split("[ :]", 2)[0];
        String field = switch (first) {
            case "site", "location", "sensor", "quantity", "window", "aggregate", "range" -> first;
            case "from", "to" -> "range";
            case "the" -> "window"; // "the answer would hold ... points": larger windows or a shorter range
            default -> "quantity";
        };
        return new FieldError(field, "explorer.error." + field, message);
    }

    @Nullable
    private static String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void put(Map<String, String> p, String k, @Nullable String v) {
        if (v != null) {
            p.put(k, v);
        }
    }
}
