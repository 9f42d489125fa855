package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.rollup.CellStats;
import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.rollup.TierLayout;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.influxdb.dto.QueryResult;

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

    private static final List<String> READ = List.of("_count", "_sum", "_min", "_max", "_m2", "_last_ms", "_last");

    private final InfluxReader influx;

    TierCells(InfluxReader influx) {
        this.influx = influx;
    }

    /** The stored cells of {@code tier} starting in {@code [from, to)}. */
    void stored(Tier tier, String sources, String field, String filters, Instant from, Instant to, Sink sink) {
        StringBuilder ql = new StringBuilder("SELECT ");
        for (int i = 0; i < READ.size(); i++) {
            ql.append(i == 0 ? "" : ", ").append(InfluxQl.identifier(TierLayout.cellField(field, READ.get(i))));
        }
        ql.append(" FROM ")
                .append(sources)
                .append(range(from, to))
                .append(filters)
                .append(" GROUP BY ");
        each(ql.append(SERIES_TAGS).toString(), (series, row) -> {
            long count = number(row, 1);
            if (count > 0) {
                sink.accept(
                        series,
                        Instant.ofEpochMilli(number(row, 0)),
                        new CellStats(
                                count,
                                decimal(row, 2),
                                decimal(row, 3),
                                decimal(row, 4),
                                decimal(row, 5),
                                0,
                                number(row, 6),
                                decimal(row, 7),
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
        each(ql, (series, row) -> {
            long count = number(row, 1);
            long start = number(row, 0);
            double stddev = row.get(5) == null ? 0 : decimal(row, 5);
            sink.accept(
                    series,
                    Instant.ofEpochMilli(start),
                    new CellStats(
                            count,
                            decimal(row, 2),
                            decimal(row, 3),
                            decimal(row, 4),
                            count < 2 ? 0 : stddev * stddev * (count - 1),
                            start,
                            start, // cells never overlap: their order is their start's
                            decimal(row, 6),
                            0));
        });
    }

    private static final String SERIES_TAGS = "\"site\", \"gateway\", \"sensor\"";

    private static String range(Instant from, Instant to) {
        return " WHERE time >= " + from.toEpochMilli() + "ms AND time < " + to.toEpochMilli() + "ms";
    }

    private void each(String influxQl, BiConsumer<SeriesKey, List<Object>> row) {
        for (QueryResult.Series s : influx.series(influxQl)) {
            SeriesKey key = SeriesKey.of(s.getTags() == null ? Map.of() : s.getTags());
            for (List<Object> values : s.getValues()) {
                row.accept(key, values);
            }
        }
    }

    private static long number(List<Object> row, int i) {
        Object v = row.get(i);
        return v == null ? 0 : ((Number) v).longValue();
    }

    private static double decimal(List<Object> row, int i) {
        Object v = row.get(i);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }
}
