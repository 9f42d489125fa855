package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ErrorAnswer;
import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.places.SensorAt;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Answers series queries from InfluxDB: builds the InfluxQL from a validated {@link SeriesQuery}
 * (identifiers through {@link InfluxQl}), enforces the point limit before and after asking, and
 * maps the answer. Raw points of any quality are read with their quality tag; windows of any
 * quality are grouped by it ({@link QualityDetail}). A {@code location} becomes the (gateway, sensor)
 * pairs the place registry has there; each series carries its {@link SeriesPlace}. Thread-safe.
 */
@Singleton
public class SeriesService {
    private final InfluxReader influx;
    private final QueryConfig config;
    private final PlaceDirectory places;

    public SeriesService(InfluxReader influx, QueryConfig config, PlaceDirectory places) {
        this.influx = influx;
        this.config = config;
        this.places = places;
    }

    /** The InfluxQL for a query (also what the benchmark sends straight to InfluxDB). */
    public String influxQl(SeriesQuery q) {
        String field = InfluxQl.identifier(q.field());
        StringBuilder ql = new StringBuilder("SELECT ");
        QualityDetail quality = q.qualityDetail();
        ql.append(q.aggregate() == null ? field : q.aggregate().select(field)).append(" AS \"value\"");
        if (quality == QualityDetail.PER_POINT && q.quality() == null) {
            // The tag beside the field: each row's reading's quality. With quality=ok the filter says
            // it, and asking InfluxDB for it made a raw day of 8640 points slower (collector/README.md).
            ql.append(", \"quality\"::tag");
        }
        ql.append(" FROM ")
                .append(influx.retentionPolicy())
                .append('.')
                .append(InfluxQl.identifier(q.quantity().measurement()))
                .append(" WHERE time >= ")
                .append(q.from().toEpochMilli())
                .append("ms AND time < ")
                .append(q.to().toEpochMilli())
                .append("ms");
        if (q.quality() != null) {
            ql.append(" AND ").append(InfluxQl.tagEquals("quality", "quality", q.quality()));
        }
        if (q.site() != null) {
            ql.append(" AND ").append(InfluxQl.tagEquals("site", "site", q.site()));
        }
        if (q.siteKind() != null) {
            ql.append(" AND ").append(InfluxQl.tagEquals("site_kind", "siteKind", q.siteKind()));
        }
        if (q.gateway() != null) {
            ql.append(" AND ").append(InfluxQl.tagEquals("gateway", "gateway", q.gateway()));
        }
        if (q.sensor() != null) {
            ql.append(" AND ").append(InfluxQl.tagEquals("sensor", "sensor", q.sensor()));
        }
        if (q.location() != null) {
            ql.append(" AND (")
                    .append(sensorsAt(q).stream()
                            .map(s -> "(" + InfluxQl.tagEquals("gateway", "gateway", s.gateway()) + " AND "
                                    + InfluxQl.tagEquals("sensor", "sensor", s.sensor()) + ")")
                            .collect(Collectors.joining(" OR ")))
                    .append(')');
        }
        ql.append(" GROUP BY ");
        if (q.window() != null) {
            ql.append("time(").append(q.window().toSeconds()).append("s), ");
        }
        ql.append("\"site\", \"gateway\", \"sensor\"");
        if (quality == QualityDetail.PER_SERIES) {
            ql.append(", \"quality\""); // windows never mix qualities
        }
        if (q.window() != null) {
            ql.append(" fill(none)");
        } else {
            ql.append(" LIMIT ").append(config.maxPoints() + 1L); // per series; the total is checked below
        }
        return ql.toString();
    }

    /**
     * Runs a query; InfluxDB's answer streams into columns (no object per point).
     *
     * @throws TooManyPointsException when the answer would exceed {@code collector.query.max-points}
     * @throws InfluxReader.QueryFailedException when InfluxDB cannot answer
     */
    public SeriesAnswer run(SeriesQuery q) {
        if (q.window() != null) {
            long windows = (q.to().toEpochMilli()
                            - q.from().toEpochMilli()
                            + q.window().toMillis()
                            - 1)
                    / q.window().toMillis();
            if (windows > config.maxPoints()) {
                throw new TooManyPointsException(windows, config.maxPoints());
            }
        }
        if (q.location() != null && sensorsAt(q).isEmpty()) {
            return new SeriesAnswer(q, 0, List.of()); // a location nothing reported a sensor at: nothing to ask
        }
        List<SeriesColumns> series = new ArrayList<>(influx.columns(influxQl(q), config.maxPoints()));
        long total = 0;
        for (SeriesColumns s : series) {
            total += s.size();
            s.place(SeriesPlace.of(places, s));
        }
        series.sort(Comparator.comparing(SeriesColumns::site)
                .thenComparing(SeriesColumns::gateway)
                .thenComparing(SeriesColumns::sensor)
                .thenComparing(SeriesColumns::quality, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new SeriesAnswer(q, total, series);
    }

    /**
     * The sensors at the query's location.
     *
     * @throws BadRequestException naming {@code location} when the site has no such location
     */
    private List<SensorAt> sensorsAt(SeriesQuery q) {
        if (places.location(q.site(), q.location()).isEmpty()) {
            String known = String.join(", ", places.locations(q.site()).keySet());
            throw new BadRequestException("location " + ErrorAnswer.quoted(q.location())
                    + " is not a location of site '"
                    + q.site() + "' (allowed: " + (known.isEmpty() ? "none: the site has no locations yet" : known)
                    + ")");
        }
        return places.sensorsAt(q.site(), q.location());
    }
}
