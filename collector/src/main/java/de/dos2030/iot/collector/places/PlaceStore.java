package de.dos2030.iot.collector.places;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;
import static de.dos2030.iot.collector.statedb.RelationalStore.instant;
import static de.dos2030.iot.collector.statedb.RelationalStore.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The place tables of V6 in plain JDBC, on a connection the caller's transaction owns. SQL that H2
 * and PostgreSQL both accept. Stateless.
 */
final class PlaceStore {
    private static final String META = "admin_fields, reported_by, reported_at, edited_by, edited_at";
    private static final String SITE_COLUMNS =
            "id, kind, name, address, lat, lon, time_zone, is_public, " + META + ", created_at, updated_at";
    private static final String LOCATION_COLUMNS =
            "site_id, id, kind, name, floor, room_number, at_metres, " + META + ", created_at, updated_at";
    private static final String CONFLICT_COLUMNS =
            "id, site_id, location_id, field, registry_value, reported_value," + " gateway_id, reported_at, status";

    private PlaceStore() {}

    static Optional<PlaceRow> site(Connection c, String id) throws SQLException {
        List<PlaceRow> rows = sites(c, " WHERE id = ?", id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static List<PlaceRow> sites(Connection c, String where, Object... params) throws SQLException {
        List<PlaceRow> out = new ArrayList<>();
        try (PreparedStatement ps =
                        bind(c.prepareStatement("SELECT " + SITE_COLUMNS + " FROM place_site" + where), params);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs, rs.getString("id"), "", PlaceField.SITE, rs.getBoolean("is_public")));
            }
        }
        return out;
    }

    static Optional<PlaceRow> location(Connection c, String site, String id) throws SQLException {
        List<PlaceRow> rows = locations(c, " WHERE site_id = ? AND id = ?", site, id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static List<PlaceRow> locations(Connection c, String where, Object... params) throws SQLException {
        List<PlaceRow> out = new ArrayList<>();
        try (PreparedStatement ps = bind(
                        c.prepareStatement("SELECT " + LOCATION_COLUMNS + " FROM place_location" + where
                                + " ORDER BY site_id, id"),
                        params);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs, rs.getString("site_id"), rs.getString("id"), PlaceField.LOCATION, false));
            }
        }
        return out;
    }

    private static PlaceRow row(ResultSet rs, String site, String location, List<PlaceField> fields, boolean isPublic)
            throws SQLException {
        Map<PlaceField, Object> values = new HashMap<>();
        for (PlaceField f : fields) {
            values.put(f, f.read(rs));
        }
        return new PlaceRow(
                site,
                location,
                rs.getString("kind"),
                values,
                isPublic,
                PlaceRow.parseAdminFields(rs.getString("admin_fields")),
                rs.getString("reported_by"),
                instant(rs, "reported_at"),
                rs.getString("edited_by"),
                instant(rs, "edited_at"));
    }

    /** Inserts a new row, or updates every column of an existing one. */
    static void save(Connection c, PlaceRow row, boolean exists, Instant now) throws SQLException {
        List<PlaceField> fields = row.isSite() ? PlaceField.SITE : PlaceField.LOCATION;
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (PlaceField f : fields) {
            columns.addAll(f.columns());
            values.addAll(java.util.Arrays.asList(f.columnValues(row.value(f))));
        }
        if (row.isSite()) {
            columns.add("is_public");
            values.add(row.isPublic());
        }
        columns.addAll(List.of("admin_fields", "reported_by", "reported_at", "edited_by", "edited_at", "updated_at"));
        values.addAll(java.util.Arrays.asList(
                row.adminFieldsText(), row.reportedBy(), row.reportedAt(), row.editedBy(), row.editedAt(), now));
        String table = row.isSite() ? "place_site" : "place_location";
        if (exists) {
            String set = columns.stream().map(col -> col + " = ?").collect(Collectors.joining(", "));
            values.add(row.isSite() ? row.siteId() : row.locationId());
            String where = row.isSite() ? " WHERE id = ?" : " WHERE id = ? AND site_id = ?";
            if (!row.isSite()) {
                values.add(row.siteId());
            }
            update(c, "UPDATE " + table + " SET " + set + where, values.toArray());
        } else {
            columns.addAll(0, row.isSite() ? List.of("id", "kind") : List.of("site_id", "id", "kind"));
            values.addAll(
                    0,
                    row.isSite()
                            ? List.of(row.siteId(), row.kind())
                            : List.of(row.siteId(), row.locationId(), row.kind()));
            columns.add("created_at");
            values.add(now);
            String marks = columns.stream().map(col -> "?").collect(Collectors.joining(", "));
            update(
                    c,
                    "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + marks + ")",
                    values.toArray());
        }
    }

    static List<SensorAt> sensors(Connection c, String where, Object... params) throws SQLException {
        List<SensorAt> out = new ArrayList<>();
        try (PreparedStatement ps = bind(
                        c.prepareStatement("SELECT gateway_id, sensor_id, site_id, location_id FROM place_sensor"
                                + where + " ORDER BY gateway_id, sensor_id"),
                        params);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new SensorAt(
                        rs.getString("gateway_id"),
                        rs.getString("sensor_id"),
                        rs.getString("site_id"),
                        rs.getString("location_id")));
            }
        }
        return out;
    }

    /** The gateway's sensors are where its latest report says, and nowhere else. */
    static void replaceSensors(Connection c, String gateway, String site, Map<String, String> sensors, Instant now)
            throws SQLException {
        update(c, "DELETE FROM place_sensor WHERE gateway_id = ?", gateway);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO place_sensor (gateway_id, sensor_id, site_id,"
                + " location_id, reported_at) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, String> e : sensors.entrySet()) {
                bind(ps, gateway, e.getKey(), site, e.getValue(), now).addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<PlaceConflict> conflicts(Connection c, String site, String status) throws SQLException {
        return conflicts(c, " WHERE site_id = ? AND status = ? ORDER BY id", site, status);
    }

    static Optional<PlaceConflict> conflict(Connection c, long id) throws SQLException {
        List<PlaceConflict> found = conflicts(c, " WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static List<PlaceConflict> conflicts(Connection c, String where, Object... params) throws SQLException {
        List<PlaceConflict> out = new ArrayList<>();
        try (PreparedStatement ps = bind(
                        c.prepareStatement("SELECT " + CONFLICT_COLUMNS + " FROM place_conflict" + where), params);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String location = rs.getString("location_id");
                out.add(new PlaceConflict(
                        rs.getLong("id"),
                        rs.getString("site_id"),
                        location.isEmpty() ? null : location,
                        rs.getString("field"),
                        rs.getString("registry_value"),
                        rs.getString("reported_value"),
                        rs.getString("gateway_id"),
                        instant(rs, "reported_at"),
                        rs.getString("status")));
            }
        }
        return out;
    }

    /**
     * Records that {@code gateway} reports {@code reported} where the registry holds {@code registry}: the
     * open conflict of that field follows the latest report; a value an admin chose to keep stays closed.
     */
    static void recordConflict(
            Connection c,
            String site,
            String location,
            String field,
            String registry,
            String reported,
            String gateway,
            Instant now)
            throws SQLException {
        List<PlaceConflict> open = conflicts(
                c, " WHERE site_id = ? AND location_id = ? AND field = ? AND status = 'open'", site, location, field);
        if (!open.isEmpty()) {
            PlaceConflict o = open.get(0);
            if (!java.util.Objects.equals(o.reportedValue(), reported)
                    || !java.util.Objects.equals(o.registryValue(), registry)) {
                update(
                        c,
                        "UPDATE place_conflict SET registry_value = ?, reported_value = ?, gateway_id = ?,"
                                + " reported_at = ? WHERE id = ?",
                        registry,
                        reported,
                        gateway,
                        now,
                        o.id());
            }
            return;
        }
        boolean kept = !conflicts(
                        c,
                        " WHERE site_id = ? AND location_id = ? AND field = ? AND status = 'kept'"
                                + " AND COALESCE(reported_value, '') = ?",
                        site,
                        location,
                        field,
                        reported == null ? "" : reported)
                .isEmpty();
        if (!kept) {
            update(
                    c,
                    "INSERT INTO place_conflict (site_id, location_id, field, registry_value, reported_value,"
                            + " gateway_id, reported_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'open')",
                    site,
                    location,
                    field,
                    registry,
                    reported,
                    gateway,
                    now);
        }
    }

    /**
     * Records a conflict already decided for the registry's value: an admin replaced {@code reported}, the
     * value the gateways had reported, so that value does not come back as an open conflict.
     */
    static void recordKept(
            Connection c,
            String site,
            String location,
            String field,
            String registry,
            String reported,
            String gateway,
            String by,
            Instant now)
            throws SQLException {
        update(
                c,
                "INSERT INTO place_conflict (site_id, location_id, field, registry_value, reported_value, gateway_id,"
                        + " reported_at, status, resolved_by, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'kept', ?, ?)",
                site,
                location,
                field,
                registry,
                reported,
                gateway,
                now,
                by,
                now);
    }

    /** Closes the open conflicts of a field with {@code status}. */
    static void closeOpen(
            Connection c, String site, String location, String field, String status, String by, Instant now)
            throws SQLException {
        update(
                c,
                "UPDATE place_conflict SET status = ?, resolved_by = ?, resolved_at = ? WHERE site_id = ?"
                        + " AND location_id = ? AND field = ? AND status = 'open'",
                status,
                by,
                now,
                site,
                location,
                field);
    }

    static void setStatus(Connection c, long id, String status, String by, Instant now) throws SQLException {
        update(
                c,
                "UPDATE place_conflict SET status = ?, resolved_by = ?, resolved_at = ? WHERE id = ?",
                status,
                by,
                now,
                id);
    }
}
