package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.rollup.CellStats;
import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.rollup.TierLayout;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads cells for the planner: a tier's stored cells, or minute cells InfluxDB aggregates from the
 * raw readings of quality ok (for the hours a tier does not hold yet, and the ragged ends of a
 * range). Each cell goes to a consumer with its series. Stateless; the reader is thread-safe.
 */
final class TierCells {
    /** A series of an answer: the tags a query groups by. */
    record SeriesKey(String site, String gateway, String sensor) {
        static SeriesKey of(Map<String, String> tags) {
            return new SeriesKey(
                    tags.getOrDefault("site", ""), tags.getOrDefault("gateway", ""), tags.getOrDefault("sensor", ""));
        }
    }

    /** A cell and where it starts. */
    interface Sink {
        void accept(SeriesKey series, Instant cellStart, CellStats cell);
    }

    private final InfluxReader influx;

    TierCells(InfluxReader influx) {
        this.influx = influx;
    }

    /**
     * The cell fields {@code aggregate} needs, count first. Together with reading MessagePack rows
     * instead of influxdb-java's JSON objects, asking for two of the seven fields took a day of minute
     * cells from 15.7 to 3.0 ms at p50 in the query benchmark (collector/README.md, "Query benchmark").
     */
    static List<String> fieldsFor(Aggregate aggregate) {
        return switch (aggregate) {
            case MEAN -> List.of("_count", "_sum");
            case MIN -> List.of("_count", "_min");
            case MAX -> List.of("_count", "_max");
            case COUNT -> List.of("_count");
            case LAST -> List.of("_count", "_last_ms", "_last");
            case STDDEV -> List.of("_count", "_sum", "_m2");
            case P95 -> throw new IllegalArgumentException("p95 does not compose from rollup cells");
        };
    }

    /**
     * The stored cells of {@code tier} starting in {@code [from, to)}, with the figures {@code aggregate}
     * needs (the others left empty: 0 or NaN).
     */
    void stored(
            Tier tier,
            String sources,
            String field,
            String filters,
            Instant from,
            Instant to,
            Aggregate aggregate,
            Sink sink) {
        List<String> read = fieldsFor(aggregate);
        StringBuilder ql = new StringBuilder("SELECT ");
        for (int i = 0; i < read.size(); i++) {
            ql.append(i == 0 ? "" : ", ").append(InfluxQl.identifier(TierLayout.cellField(field, read.get(i))));
        }
        ql.append(" FROM ")
                .append(sources)
                .append(range(from, to))
                .append(filters)
                .append(" GROUP BY ")
                .append(SERIES_TAGS);
        int sum = read.indexOf("_sum");
        int min = read.indexOf("_min");
        int max = read.indexOf("_max");
        int m2 = read.indexOf("_m2");
        int lastMs = read.indexOf("_last_ms");
        int last = read.indexOf("_last");
        Map<Map<String, String>, SeriesKey> keys = new HashMap<>();
        influx.rows(ql.toString(), (tags, time, v) -> {
            long count = Double.isNaN(v[0]) ? 0 : (long) v[0];
            if (count > 0) {
                sink.accept(
                        keys.computeIfAbsent(tags, SeriesKey::of),
                        Instant.ofEpochMilli(time),
                        new CellStats(
                                count,
                                sum < 0 ? 0 : v[sum],
                                min < 0 ? Double.NaN : v[min],
                                max < 0 ? Double.NaN : v[max],
                                m2 < 0 ? 0 : v[m2],
                                0,
                                lastMs < 0 ? 0 : (long) v[lastMs],
                                last < 0 ? Double.NaN : v[last],
                                0));
            }
        });
    }

    /** Minute cells aggregated from the raw readings of quality ok in {@code [from, to)}. */
    void fromRaw(String sources, String field, String filters, Instant from, Instant to, Sink sink) {
        String f = InfluxQl.identifier(field);
        String ql = "SELECT count(" + f + "), sum(" + f + "), min(" + f + "), max(" + f + "), stddev(" + f + "), last("
                + f + ") FROM " + sources + range(from, to) + " AND \"quality\" = 'ok'" + filters
                + " GROUP BY time(1m), " + SERIES_TAGS + " fill(none)";
        Map<Map<String, String>, SeriesKey> keys = new HashMap<>();
        influx.rows(ql, (tags, start, v) -> {
            long count = Double.isNaN(v[0]) ? 0 : (long) v[0];
            double stddev = Double.isNaN(v[4]) ? 0 : v[4];
            sink.accept(
                    keys.computeIfAbsent(tags, SeriesKey::of),
                    Instant.ofEpochMilli(start),
                    new CellStats(
                            count,
                            v[1],
                            v[2],
                            v[3],
                            count < 2 ? 0 : stddev * stddev * (count - 1),
                            start,
                            start, // cells never overlap: their order is their start's
                            v[5],
                            0));
        });
    }

    private static final String SERIES_TAGS = "\"site\", \"gateway\", \"sensor\"";

    private static String range(Instant from, Instant to) {
        return " WHERE time >= " + from.toEpochMilli() + "ms AND time < " + to.toEpochMilli() + "ms";
    }
}
