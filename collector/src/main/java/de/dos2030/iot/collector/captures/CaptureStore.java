package de.dos2030.iot.collector.captures;

import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.RawCapture;
import de.dos2030.iot.model.WireNames;
import de.dos2030.iot.model.codec.FloatBytes;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL of the {@code raw_capture} table (migration V10): one row per gateway, alert and sensor, the
 * values as one blob of little-endian floats. Storing is idempotent: a re-sent capture (same gateway,
 * alert and sensor) leaves the first one in place. Thread-safe; database errors surface as
 * {@link RelationalStore.StoreException}.
 */
@Singleton
public class CaptureStore {
    private final RelationalStore store;

    public CaptureStore(RelationalStore store) {
        this.store = store;
    }

    /** Stores each capture unless it is stored already; returns how many were new. */
    public int store(String gatewayId, String siteId, List<RawCapture> captures, Instant receivedAt) {
        int added = 0;
        for (RawCapture c : captures) {
            try {
                // One statement each with auto-commit: on PostgreSQL a duplicate key aborts its transaction.
                store.run(conn -> RelationalStore.update(
                        conn,
                        "INSERT INTO raw_capture (gateway_id, alert_id, sensor_id, site_id, quantity, first_sample_at,"
                                + " trigger_at, sample_rate_hz, sample_count, sample_values, received_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        gatewayId,
                        c.alertId(),
                        c.sensorId(),
                        siteId,
                        c.quantity().wireName(),
                        c.firstSampleTime(),
                        c.triggerTime(),
                        c.sampleRateHz(),
                        c.size(),
                        FloatBytes.encode(c.values()),
                        receivedAt));
                added++;
            } catch (RelationalStore.StoreException e) {
                if (!RelationalStore.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
        return added;
    }

    /** The captures of one alert, by sensor id. */
    public List<RawCapture> ofAlert(String gatewayId, String alertId) {
        return store.run(conn -> {
            try (PreparedStatement ps = RelationalStore.bind(
                            conn.prepareStatement("SELECT * FROM raw_capture WHERE gateway_id = ? AND alert_id = ?"
                                    + " ORDER BY sensor_id"),
                            gatewayId,
                            alertId);
                    ResultSet rs = ps.executeQuery()) {
                List<RawCapture> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new RawCapture(
                            rs.getString("alert_id"),
                            rs.getString("sensor_id"),
                            WireNames.parse(Quantity.class, rs.getString("quantity")),
                            RelationalStore.instant(rs, "first_sample_at"),
                            rs.getDouble("sample_rate_hz"),
                            RelationalStore.instant(rs, "trigger_at"),
                            FloatBytes.decode(rs.getBytes("sample_values"))));
                }
                return out;
            }
        });
    }
}
