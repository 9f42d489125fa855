package de.dos2030.iot.collector.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shape of a series answer, for clients and the OpenAPI document ({@link SeriesJson}
 * writes it from {@link SeriesAnswer} without building these objects): one {@link Series} per site,
 * gateway and sensor, points in time order. With a window, a point's time is the start of its
 * window (below a day aligned to the epoch in UTC, as InfluxDB's {@code GROUP BY time()} does; a
 * day or longer: calendar days in {@code zone}) and empty windows are left out. {@code sources} says
 * where the windows were read: rollup tiers ({@code 1d}, {@code 1h}, {@code 1m}) and/or {@code raw}. Quality ({@link QualityDetail}): each raw point carries its reading's; with
 * a window and {@code quality=any}, each quality of a sensor is a series of its own that carries it;
 * windows of {@code ok} readings carry none (the answer's {@code quality} is {@code ok}).
 */
@Serdeable
public record SeriesResult(
        String quantity,
        String unit,
        String statistic,
        String aggregate,
        @Nullable String window,
        Instant from,
        Instant to,
        String quality,
        String zone,
        List<String> sources,
        long points,
        List<Series> series) {

    /**
     * @param siteName     the site's name, when the place registry knows it
     * @param location     id of the room or bridge section the sensor is at, when known
     * @param locationName its name
     * @param position     the site's WGS84 position, when known
     * @param quality      the quality of every reading behind the series; only in windowed {@code quality=any} answers
     */
    @Serdeable
    public record Series(
            String site,
            String gateway,
            String sensor,
            @Nullable String siteName,
            @Nullable String location,
            @Nullable String locationName,
            @Nullable de.dos2030.iot.collector.places.Position position,
            @Nullable String quality,
            List<Point> points) {}

    /** @param quality the quality of the point's reading; only in raw answers */
    @Serdeable
    public record Point(
            Instant time, double value, @Nullable String quality) {}
}
