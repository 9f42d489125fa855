package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.rollup.TierLayout;
import de.dos2030.iot.model.SiteKind;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Answers series queries from InfluxDB: builds the InfluxQL from a validated {@link SeriesQuery}
 * (identifiers through {@link InfluxQl}), enforces the point limit before and after asking, and
 * maps the answer. Raw points of any quality are read with their quality tag; windows of any
 * quality are grouped by it ({@link QualityDetail}). Readings live in their site kind's raw policy
 * ({@code school_raw}); a query that does not fix the kind reads both ({@code FROM
 * "bridge_raw"."co2","school_raw"."co2"}: InfluxDB 1.x answers that as one measurement, its series
 * apart by their tags, its windows over both). Thread-safe.
 */
@Singleton
public class SeriesService {
    private final InfluxReader influx;
    private final QueryConfig config;

    public SeriesService(InfluxReader influx, QueryConfig config) {
        this.influx = influx;
        this.config = config;
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
        ql.append(" FROM ");
        String measurement = InfluxQl.identifier(q.quantity().measurement());
        boolean first = true;
        for (SiteKind kind : SiteKind.values()) {
            if (q.siteKind() == null || q.siteKind().equals(kind.wireName())) {
                ql.append(first ? "" : ",")
                        .append(InfluxQl.identifier(TierLayout.rawPolicy(kind)))
                        .append('.')
                        .append(measurement);
                first = false;
            }
        }
        ql.append(" WHERE time >= ")
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
        List<SeriesColumns> series = new ArrayList<>(influx.columns(influxQl(q), config.maxPoints()));
        long total = 0;
        for (SeriesColumns s : series) {
            total += s.size();
        }
        series.sort(Comparator.comparing(SeriesColumns::site)
                .thenComparing(SeriesColumns::gateway)
                .thenComparing(SeriesColumns::sensor)
                .thenComparing(SeriesColumns::quality, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new SeriesAnswer(q, total, series);
    }
}
