package de.dos2030.iot.collector.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.rollup.TierLayout;
import de.dos2030.iot.model.SiteKind;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * The test's oracle: InfluxDB's own aggregation of the raw readings (InfluxQL count, min, max, mean,
 * stddev per {@code GROUP BY time(...)}, days with {@code tz(...)}), compared with the tier cells the
 * collector wrote: counts, min and max exactly, mean and standard deviation within 1e-9 relative,
 * flagged = the count of readings of any other quality.
 */
final class TierOracle implements AutoCloseable {
    static final double RELATIVE = 1e-9;

    private final InfluxDB influx;
    private final String database;

    TierOracle(String url, String database) {
        this.influx = InfluxDBFactory.connect(url);
        this.database = database;
    }

    /** One cell's figures: count, flagged, min, max, mean, stddev (NaN where undefined). */
    record Figures(long count, long flagged, double min, double max, double mean, double stddev) {}

    /** Asserts that every tier's cells over [from, to) (widened to whole cells) equal the raw aggregation. */
    void assertTiersMatchRaw(
            SiteKind kind, String measurement, String field, String gateway, Instant from, Instant to, ZoneId zone) {
        for (Tier tier : Tier.values()) {
            Instant a = tier.cellStart(from, zone);
            Instant b = tier.nextCell(tier.cellStart(to.minusMillis(1), zone), zone);
            Map<String, Figures> raw = raw(kind, measurement, field, gateway, a, b, tier, zone);
            Map<String, Figures> cells = cells(kind, measurement, field, gateway, a, b, tier);
            assertThat(raw)
                    .as("raw aggregation for %s %s of %s", tier, field, gateway)
                    .isNotEmpty();
            assertThat(cells.keySet())
                    .as("%s cells of %s.%s of %s", tier.wireName(), measurement, field, gateway)
                    .isEqualTo(raw.keySet());
            raw.forEach((key, expected) -> {
                Figures actual = cells.get(key);
                String what = tier.wireName() + " cell " + key + " of " + measurement + "." + field;
                assertThat(actual.count()).as(what + " count").isEqualTo(expected.count());
                assertThat(actual.flagged()).as(what + " flagged").isEqualTo(expected.flagged());
                if (expected.count() > 0) {
                    assertThat(actual.min()).as(what + " min").isEqualTo(expected.min());
                    assertThat(actual.max()).as(what + " max").isEqualTo(expected.max());
                    assertClose(what + " mean", actual.mean(), expected.mean());
                }
                if (expected.count() > 1) {
                    assertClose(what + " stddev", actual.stddev(), expected.stddev());
                }
            });
        }
    }

    static void assertClose(String what, double actual, double expected) {
        double tolerance = RELATIVE * Math.max(Math.abs(expected), Math.abs(actual)) + 1e-12;
        assertThat(Math.abs(actual - expected))
                .as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(tolerance);
    }

    private Map<String, Figures> raw(
            SiteKind kind, String m, String f, String gateway, Instant a, Instant b, Tier tier, ZoneId zone) {
        String from = " FROM \"" + TierLayout.rawPolicy(kind) + "\".\"" + m + "\" WHERE gateway = '" + gateway + "'"
                + " AND time >= " + a.toEpochMilli() + "ms AND time < " + b.toEpochMilli() + "ms";
        String group = " GROUP BY time(" + tier.wireName() + "), sensor fill(none)"
                + (tier == Tier.DAY ? " tz('" + zone.getId() + "')" : "");
        Map<String, Figures> out = new TreeMap<>();
        for (Row r : rows("SELECT count(\"" + f + "\"), min(\"" + f + "\"), max(\"" + f + "\"), mean(\"" + f
                + "\"), stddev(\"" + f + "\")" + from + " AND quality = 'ok'" + group)) {
            out.put(r.key, new Figures(r.longAt(1), 0, r.at(2), r.at(3), r.at(4), r.at(5)));
        }
        for (Row r : rows("SELECT count(\"" + f + "\")" + from + " AND quality != 'ok'" + group)) {
            Figures ok = out.get(r.key);
            out.put(
                    r.key,
                    ok == null
                            ? new Figures(0, r.longAt(1), Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                            : new Figures(ok.count(), r.longAt(1), ok.min(), ok.max(), ok.mean(), ok.stddev()));
        }
        return out;
    }

    private Map<String, Figures> cells(
            SiteKind kind, String m, String f, String gateway, Instant a, Instant b, Tier tier) {
        Map<String, Figures> out = new TreeMap<>();
        for (Row r : rows("SELECT \"" + f + "_count\", \"" + f + "_flagged\", \"" + f + "_min\", \"" + f + "_max\", \""
                + f + "_sum\", \"" + f + "_m2\" FROM \"" + TierLayout.policy(kind, tier) + "\".\"" + m
                + "\" WHERE gateway = '" + gateway + "' AND time >= " + a.toEpochMilli() + "ms AND time < "
                + b.toEpochMilli() + "ms GROUP BY sensor")) {
            long n = r.longAt(1);
            out.put(
                    r.key,
                    new Figures(
                            n,
                            r.longAt(2),
                            r.at(3),
                            r.at(4),
                            n == 0 ? Double.NaN : r.at(5) / n,
                            n < 2 ? Double.NaN : Math.sqrt(r.at(6) / (n - 1))));
        }
        return out;
    }

    /** A row keyed by sensor and time, its columns as numbers (NaN when absent). */
    private record Row(String key, List<Object> values) {
        double at(int i) {
            return values.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
        }

        long longAt(int i) {
            return values.get(i) instanceof Number n ? n.longValue() : 0;
        }
    }

    private List<Row> rows(String ql) {
        QueryResult result = influx.query(new Query(ql, database), TimeUnit.MILLISECONDS);
        assertThat(result.hasError()).as(ql + ": " + result.getError()).isFalse();
        QueryResult.Result r = result.getResults().get(0);
        assertThat(r.hasError()).as(ql + ": " + r.getError()).isFalse();
        List<Row> out = new ArrayList<>();
        if (r.getSeries() != null) {
            for (QueryResult.Series s : r.getSeries()) {
                for (List<Object> row : s.getValues()) {
                    long t = ((Number) row.get(0)).longValue();
                    out.add(new Row(s.getTags().get("sensor") + "@" + Instant.ofEpochMilli(t), row));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        influx.close();
    }
}
