package de.dos2030.iot.collector.query;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.Instant;

/**
 * The parameters of {@code GET /api/v1/series} as sent ({@code @RequestBean}); {@link #toQuery}
 * reads them into a {@link SeriesQuery}, which refuses what it cannot read.
 */
@Introspected
public record SeriesRequest(
        @Parameter(description = "quantity wire name, e.g. co2, temperature, strain, vibration_rms")
        @Nullable
        @QueryValue
        String quantity,

        @Parameter(description = "sample (default) or a window statistic the gateway computed: mean, min, max, stddev")
        @Nullable
        @QueryValue
        String statistic,

        @Nullable @QueryValue String site,
        @Nullable @QueryValue String siteKind,
        @Nullable @QueryValue String gateway,
        @Nullable @QueryValue String sensor,

        @Parameter(description = "a room or bridge section of site (GET /api/v1/sites/{site}): only its sensors")
        @Nullable
        @QueryValue
        String location,

        @Parameter(description = "ISO-8601 instant, inclusive; default: to minus collector.query.default-range")
        @Nullable
        @QueryValue
        String from,

        @Parameter(description = "ISO-8601 instant, exclusive; default: now") @Nullable @QueryValue
        String to,

        @Parameter(description = "window: 10s, 1m, 1h, 1d or ISO-8601 (PT1M); none gives raw points")
        @Nullable
        @QueryValue
        String window,

        @Parameter(description = "mean (default with a window), min, max, count, last, stddev, p95")
        @Nullable
        @QueryValue
        String aggregate,

        @Parameter(description = "ok (default) or any") @Nullable @QueryValue
        String quality,

        @Parameter(
                description =
                        "IANA time zone (e.g. Europe/Berlin) of windows of a day or longer and of the CSV's local_time;"
                                + " default: the site's zone")
        @Nullable
        @QueryValue
        String tz,

        @Parameter(description = "json (default) or csv")
        @Nullable
        @Pattern(regexp = "json|csv", message = "is unknown (allowed: json, csv)")
        @QueryValue
        String format,

        @Nullable @Header(HttpHeaders.ACCEPT) String accept) {

    /**
     * The query these parameters ask for; {@code now} and {@code defaultRange} fill a missing {@code to}/{@code from}.
     *
     * @throws de.dos2030.iot.collector.api.BadRequestException naming the parameter it cannot read
     */
    SeriesQuery toQuery(Instant now, Duration defaultRange) {
        return SeriesQuery.parse(
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
                        tz,
                        now,
                        defaultRange)
                .withLocation(location);
    }

    /** CSV when asked for by {@code format=csv}, or by {@code Accept: text/csv} without a format. */
    boolean csv() {
        return "csv".equals(format) || (format == null && accept != null && accept.contains(SeriesCsv.MEDIA_TYPE));
    }
}
