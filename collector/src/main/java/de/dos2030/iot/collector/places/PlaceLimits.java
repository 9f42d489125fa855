package de.dos2030.iot.collector.places;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;
import static de.dos2030.iot.collector.statedb.RelationalStore.update;

import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.Quantity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rule limits of each gateway's sensors (table {@code place_limit}), replaced with every place
 * report like the sensors' locations: what the gateway's file says now, nothing older.
 */
final class PlaceLimits {

    /** A stored limit and the gateway whose sensor it is. */
    record Stored(String gateway, PlaceReport.Limit limit) {}

    private PlaceLimits() {}

    static void replace(Connection c, String gateway, List<PlaceReport.Limit> limits, Instant now) throws SQLException {
        update(c, "DELETE FROM place_limit WHERE gateway_id = ?", gateway);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO place_limit (gateway_id, sensor_id, quantity,"
                + " warning_above, critical_above, warning_below, critical_below, reported_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            Set<String> seen = new HashSet<>();
            for (PlaceReport.Limit l : limits) {
                // two rules of one sensor on one quantity: the first one's limits are shown
                if (seen.add(l.sensorId() + "/" + l.quantity())) {
                    bind(
                                    ps,
                                    gateway,
                                    l.sensorId(),
                                    l.quantity().wireName(),
                                    l.warningAbove(),
                                    l.criticalAbove(),
                                    l.warningBelow(),
                                    l.criticalBelow(),
                                    now)
                            .addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    static List<Stored> all(Connection c) throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT gateway_id, sensor_id, quantity, warning_above,"
                        + " critical_above, warning_below, critical_below FROM place_limit"
                        + " ORDER BY gateway_id, sensor_id, quantity");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Quantity q = Quantity.fromWireName(rs.getString("quantity"));
                if (q != null) { // a quantity this version does not know any more
                    out.add(new Stored(
                            rs.getString("gateway_id"),
                            new PlaceReport.Limit(
                                    rs.getString("sensor_id"),
                                    q,
                                    number(rs, "warning_above"),
                                    number(rs, "critical_above"),
                                    number(rs, "warning_below"),
                                    number(rs, "critical_below"))));
                }
            }
        }
        return out;
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
