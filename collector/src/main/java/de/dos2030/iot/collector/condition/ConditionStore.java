package de.dos2030.iot.collector.condition;

import de.dos2030.iot.collector.statedb.RelationalStore;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Condition monitoring's tables in the relational store (Flyway {@code V9__condition_monitoring.sql}):
 * each feature's state, the bins of baselines being learned, every baseline version. Thread-safe.
 */
@Singleton
public class ConditionStore {
    private final RelationalStore store;
    private final Clock clock;

    public ConditionStore(RelationalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A feature as stored: its state, learning bins and latest baseline (null before the first). */
    public record Restored(SeriesRecord series, List<BinPoint> learningBins, Baseline latest) {}

    public void learningBin(SeriesKey k, BinPoint b) {
        store.run(c -> {
            RelationalStore.update(
                    c,
                    "DELETE FROM condition_learning_bin WHERE site_id = ? AND sensor_id = ? AND feature = ? AND bin_start = ?",
                    k.siteId(),
                    k.sensorId(),
                    k.feature().wireName(),
                    b.start().toEpochMilli());
            return RelationalStore.update(
                    c,
                    "INSERT INTO condition_learning_bin (site_id, sensor_id, feature, bin_start, bin_value, temperature,"
                            + " readings) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    k.siteId(),
                    k.sensorId(),
                    k.feature().wireName(),
                    b.start().toEpochMilli(),
                    b.value(),
                    b.temperature(),
                    b.readings());
        });
    }

    /** Stores a new baseline version and drops the learning bins it was fitted to. */
    public void baselineLearned(Baseline b) {
        store.inTransaction(c -> {
            RelationalStore.update(
                    c,
                    "INSERT INTO condition_baseline (site_id, sensor_id, feature, version, gateway_id, intercept, slope,"
                            + " sigma, bins, temperature_min, temperature_max, learned_from, learned_to, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    b.siteId(),
                    b.sensorId(),
                    b.feature(),
                    b.version(),
                    b.gatewayId(),
                    b.intercept(),
                    b.slope(),
                    b.sigma(),
                    b.bins(),
                    b.temperatureMin(),
                    b.temperatureMax(),
                    b.learnedFrom(),
                    b.learnedTo(),
                    b.createdAt());
            return RelationalStore.update(
                    c,
                    "DELETE FROM condition_learning_bin WHERE site_id = ? AND sensor_id = ? AND feature = ?",
                    b.siteId(),
                    b.sensorId(),
                    b.feature());
        });
    }

    public void seriesMoved(SeriesRecord r) {
        SeriesKey k = r.key();
        DetectorState d = r.detector();
        BinPoint last = r.last();
        Object[] values = {
            r.gatewayId(),
            r.learning(),
            r.learningSince(),
            r.learningStarted(),
            d.high(),
            d.low(),
            d.outSince(),
            d.inSince(),
            d.alertId(),
            last == null ? null : last.start().toEpochMilli(),
            last == null ? null : last.value(),
            last == null ? null : last.temperature(),
            last == null ? null : last.readings(),
            clock.instant(),
            k.siteId(),
            k.sensorId(),
            k.feature().wireName()
        };
        store.inTransaction(c -> {
            int n = RelationalStore.update(
                    c,
                    "UPDATE condition_series SET gateway_id = ?, learning = ?, learning_since = ?, learning_started = ?,"
                            + " cusum_high = ?, cusum_low = ?, out_since = ?, in_since = ?, alert_id = ?, last_bin_start = ?,"
                            + " last_value = ?, last_temperature = ?, last_readings = ?, updated_at = ?"
                            + " WHERE site_id = ? AND sensor_id = ? AND feature = ?",
                    values);
            if (n == 0) {
                RelationalStore.update(
                        c,
                        "INSERT INTO condition_series (gateway_id, learning, learning_since, learning_started, cusum_high,"
                                + " cusum_low, out_since, in_since, alert_id, last_bin_start, last_value, last_temperature,"
                                + " last_readings, updated_at, site_id, sensor_id, feature)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        values);
            }
            return n;
        });
    }

    /** Every baseline version of a bridge, by sensor, feature, then newest version first. */
    public List<Baseline> baselines(String siteId) {
        return store.run(c -> baselines(c, "WHERE site_id = ?", siteId));
    }

    private static List<Baseline> baselines(Connection c, String where, Object... params) throws SQLException {
        List<Baseline> out = new ArrayList<>();
        try (PreparedStatement ps = RelationalStore.bind(
                        c.prepareStatement("SELECT * FROM condition_baseline " + where
                                + " ORDER BY site_id, sensor_id, feature, version DESC"),
                        params);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Baseline(
                        rs.getString("site_id"),
                        rs.getString("sensor_id"),
                        rs.getString("feature"),
                        rs.getInt("version"),
                        rs.getString("gateway_id"),
                        rs.getDouble("intercept"),
                        rs.getDouble("slope"),
                        rs.getDouble("sigma"),
                        rs.getInt("bins"),
                        rs.getDouble("temperature_min"),
                        rs.getDouble("temperature_max"),
                        RelationalStore.instant(rs, "learned_from"),
                        RelationalStore.instant(rs, "learned_to"),
                        RelationalStore.instant(rs, "created_at")));
            }
        }
        return out;
    }

    /** Everything the engine needs after a restart. Features with an unknown feature name are skipped. */
    public List<Restored> loadAll() {
        return store.run(c -> {
            Map<SeriesKey, Baseline> latest = new HashMap<>();
            for (Baseline b : baselines(c, "")) {
                Feature f = Feature.parse(b.feature());
                if (f != null) {
                    latest.putIfAbsent(new SeriesKey(b.siteId(), b.sensorId(), f), b); // newest first
                }
            }
            Map<SeriesKey, List<BinPoint>> bins = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM condition_learning_bin ORDER BY bin_start");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Feature f = Feature.parse(rs.getString("feature"));
                    if (f != null) {
                        bins.computeIfAbsent(
                                        new SeriesKey(rs.getString("site_id"), rs.getString("sensor_id"), f),
                                        k -> new ArrayList<>())
                                .add(new BinPoint(
                                        Instant.ofEpochMilli(rs.getLong("bin_start")),
                                        rs.getDouble("bin_value"),
                                        rs.getDouble("temperature"),
                                        rs.getInt("readings")));
                    }
                }
            }
            List<Restored> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM condition_series");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Feature f = Feature.parse(rs.getString("feature"));
                    if (f == null) {
                        continue;
                    }
                    SeriesKey k = new SeriesKey(rs.getString("site_id"), rs.getString("sensor_id"), f);
                    Long lastStart = RelationalStore.nullableLong(rs, "last_bin_start");
                    BinPoint last = lastStart == null
                            ? null
                            : new BinPoint(
                                    Instant.ofEpochMilli(lastStart),
                                    rs.getDouble("last_value"),
                                    rs.getDouble("last_temperature"),
                                    rs.getInt("last_readings"));
                    SeriesRecord r = new SeriesRecord(
                            k,
                            rs.getString("gateway_id"),
                            rs.getBoolean("learning"),
                            RelationalStore.instant(rs, "learning_since"),
                            RelationalStore.instant(rs, "learning_started"),
                            new DetectorState(
                                    rs.getDouble("cusum_high"),
                                    rs.getDouble("cusum_low"),
                                    RelationalStore.instant(rs, "out_since"),
                                    RelationalStore.instant(rs, "in_since"),
                                    rs.getString("alert_id")),
                            last);
                    out.add(new Restored(r, bins.getOrDefault(k, List.of()), latest.get(k)));
                }
            }
            return out;
        });
    }
}
