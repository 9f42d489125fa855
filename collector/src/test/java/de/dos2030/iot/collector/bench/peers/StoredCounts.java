package de.dos2030.iot.collector.bench.peers;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Exact counts of the benchmark's readings in one contender's InfluxDB database and retention
 * policy: {@code count()} over each field the batches fill, for the gateways whose ids start with
 * a phase's prefix. Every reading is its own point (see {@link BridgeBatches}), so these are the
 * readings stored, no more and no fewer.
 */
final class StoredCounts {
    /** measurement, field: what a bridge batch of the benchmark fills. */
    private static final List<String[]> FIELDS = List.of(
            new String[] {"strain", "value"}, new String[] {"vibration", "rms"}, new String[] {"vibration", "peak"});

    private final InfluxDB influx;
    private final String database;
    private final String policy;

    StoredCounts(InfluxDB influx, String database, String policy) {
        this.influx = influx;
        this.database = database;
        this.policy = policy;
    }

    /** Readings stored for the gateways with this id prefix. */
    long total(String gatewayPrefix) {
        long total = 0;
        for (String[] f : FIELDS) {
            for (QueryResult.Series s : series(f, gatewayPrefix, "")) {
                total += ((Number) s.getValues().get(0).get(1)).longValue();
            }
        }
        return total;
    }

    /** Readings stored per series, keyed {@code gateway measurement.field.sensor}. */
    Map<String, Long> perSeries(String gatewayPrefix) {
        Map<String, Long> out = new TreeMap<>();
        for (String[] f : FIELDS) {
            for (QueryResult.Series s : series(f, gatewayPrefix, " GROUP BY gateway, sensor")) {
                String key = s.getTags().get("gateway") + " " + f[0] + "." + f[1] + "."
                        + s.getTags().get("sensor");
                out.merge(key, ((Number) s.getValues().get(0).get(1)).longValue(), Long::sum);
            }
        }
        return out;
    }

    private List<QueryResult.Series> series(String[] field, String gatewayPrefix, String groupBy) {
        String q = "SELECT count(\"" + field[1] + "\") FROM \"" + policy + "\".\"" + field[0] + "\" WHERE gateway =~ /^"
                + gatewayPrefix + "/" + groupBy;
        QueryResult result = influx.query(new Query(q, database));
        if (result.hasError() || result.getResults().get(0).hasError()) {
            throw new IllegalStateException("InfluxDB refused '" + q + "' on " + database + ": "
                    + (result.hasError()
                            ? result.getError()
                            : result.getResults().get(0).getError()));
        }
        List<QueryResult.Series> series = result.getResults().get(0).getSeries();
        return series == null ? List.of() : series;
    }
}
