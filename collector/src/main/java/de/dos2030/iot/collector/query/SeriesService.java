package de.dos2030.iot.collector.query;

import de.dos2030.iot.model.WireNames;
import jakarta.inject.Singleton;
import org.influxdb.dto.QueryResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Answers series queries from InfluxDB: builds the InfluxQL from a validated {@link SeriesQuery}
 * (identifiers through {@link InfluxQl}), enforces the point limit before and after asking, and
 * maps the answer. Thread-safe.
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
        ql.append(q.aggregate() == null ? field : q.aggregate().select(field)).append(" AS \"value\" FROM ")
                .append(influx.retentionPolicy()).append('.').append(InfluxQl.identifier(q.quantity().measurement()))
                .append(" WHERE time >= ").append(q.from().toEpochMilli()).append("ms AND time < ")
                .append(q.to().toEpochMilli()).append("ms");
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
        if (q.window() != null) {
            ql.append(" fill(none)");
        } else {
            ql.append(" LIMIT ").append(config.maxPoints() + 1L); // per series; the total is checked below
        }
        return ql.toString();
    }

    /**
     * Runs a query.
     *
     * @throws TooManyPointsException when the answer would exceed {@code collector.query.max-points}
     * @throws InfluxReader.QueryFailedException when InfluxDB cannot answer
     */
    public SeriesResult run(SeriesQuery q) {
        if (q.window() != null) {
            long windows = (q.to().toEpochMilli() - q.from().toEpochMilli() + q.window().toMillis() - 1) / q.window().toMillis();
            if (windows > config.maxPoints()) {
                throw new TooManyPointsException(windows, config.maxPoints());
            }
        }
        List<QueryResult.Series> answer = influx.series(influxQl(q));
        List<SeriesResult.Series> series = new ArrayList<>(answer.size());
        long total = 0;
        for (QueryResult.Series s : answer) {
            Map<String, String> tags = s.getTags() == null ? Map.of() : s.getTags();
            List<SeriesResult.Point> points = new ArrayList<>(s.getValues().size());
            for (List<Object> row : s.getValues()) {
                Object v = row.get(1);
                if (v instanceof Number n) {
                    points.add(new SeriesResult.Point(Instant.ofEpochMilli(((Number) row.get(0)).longValue()), n.doubleValue()));
                }
            }
            total += points.size();
            if (total > config.maxPoints()) {
                throw new TooManyPointsException(total, config.maxPoints());
            }
            series.add(new SeriesResult.Series(tags.getOrDefault("site", ""), tags.getOrDefault("gateway", ""),
                    tags.getOrDefault("sensor", ""), points));
        }
        series.sort(Comparator.comparing(SeriesResult.Series::site).thenComparing(SeriesResult.Series::gateway)
                .thenComparing(SeriesResult.Series::sensor));
        return new SeriesResult(q.quantity().wireName(), q.quantity().unit(), WireNames.of(q.statistic()),
                q.aggregate() == null ? "none" : q.aggregate().wireName(),
                q.window() == null ? null : q.window().toString(), q.from(), q.to(),
                q.quality() == null ? "any" : q.quality(), total, series);
    }
}
