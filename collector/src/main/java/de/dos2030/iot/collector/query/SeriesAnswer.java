package de.dos2030.iot.collector.query;

import de.dos2030.iot.model.WireNames;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A series answer as the service computed it: the request's description, the zone of its
 * calendar windows and local times, where it was read (tiers and/or raw), and the series as
 * columns, sorted by site, gateway, sensor and (windows of any quality) quality. {@link SeriesJson}
 * and {@link SeriesCsv} write it; {@link SeriesResult} is its JSON shape for clients.
 */
public record SeriesAnswer(
        SeriesQuery query, ZoneId zone, List<String> sources, long points, List<SeriesColumns> series) {

    /** An answer read from the raw readings, its local times in UTC. */
    public SeriesAnswer(SeriesQuery query, long points, List<SeriesColumns> series) {
        this(query, ZoneOffset.UTC, List.of("raw"), points, series);
    }

    public String quantity() {
        return query.quantity().wireName();
    }

    public String unit() {
        return query.quantity().unit();
    }

    public String statistic() {
        return WireNames.of(query.statistic());
    }

    /** {@code none} for raw points. */
    public String aggregate() {
        return query.aggregate() == null ? "none" : query.aggregate().wireName();
    }

    /** ISO-8601 ({@code PT1M}), null for raw points. */
    @Nullable
    public String window() {
        return query.window() == null ? null : query.window().toString();
    }

    public Instant from() {
        return query.from();
    }

    public Instant to() {
        return query.to();
    }

    public String quality() {
        return query.quality() == null ? "any" : query.quality();
    }

    /** Whether the place registry knows the site or location of any series (CSV then has place columns). */
    public boolean hasPlaces() {
        for (SeriesColumns s : series) {
            if (s.place() != null) {
                return true;
            }
        }
        return false;
    }

    /** Whether the points or the series carry their readings' quality. */
    public QualityDetail qualityDetail() {
        return query.qualityDetail();
    }

    /**
     * The quality of point {@code i} of a raw series: its reading's as InfluxDB stored it, or, when the
     * query read {@code ok} readings only (and did not ask InfluxDB for it), {@code ok}.
     */
    @Nullable
    public String pointQuality(SeriesColumns s, int i) {
        String stored = s.quality(i);
        return stored != null ? stored : query.quality();
    }
}
