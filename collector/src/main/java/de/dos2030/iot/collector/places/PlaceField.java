package de.dos2030.iot.collector.places;

import de.dos2030.iot.collector.statedb.RelationalStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A field of a site or location that a gateway reports and an admin may edit: its name in the API
 * and in {@code admin_fields}, and its column(s). Values are {@code String}, {@link Position},
 * {@code Integer} (floor) or {@code Double} (metres along the bridge); null when unknown.
 */
enum PlaceField {
    NAME("name", true, "name"),
    ADDRESS("address", false, "address"),
    POSITION("position", false, "lat", "lon"),
    TIME_ZONE("timeZone", false, "time_zone"),
    FLOOR("floor", true, "floor"),
    NUMBER("number", true, "room_number"),
    AT("at", true, "at_metres");

    /** The site's own fields, and a location's. */
    static final List<PlaceField> SITE = List.of(NAME, ADDRESS, POSITION, TIME_ZONE);

    static final List<PlaceField> LOCATION = List.of(NAME, FLOOR, NUMBER, AT);

    private final String wireName;
    private final boolean ofLocation;
    private final List<String> columns;

    PlaceField(String wireName, boolean ofLocation, String... columns) {
        this.wireName = wireName;
        this.ofLocation = ofLocation;
        this.columns = List.of(columns);
    }

    String wireName() {
        return wireName;
    }

    List<String> columns() {
        return columns;
    }

    /** The values to bind to {@link #columns()}. */
    Object[] columnValues(Object value) {
        if (this == POSITION) {
            Position p = (Position) value;
            return p == null ? new Object[] {null, null} : new Object[] {p.lat(), p.lon()};
        }
        return new Object[] {value};
    }

    Object read(ResultSet rs) throws SQLException {
        return switch (this) {
            case POSITION -> {
                Double lat = RelationalStore.nullableDouble(rs, "lat");
                Double lon = RelationalStore.nullableDouble(rs, "lon");
                yield lat == null || lon == null ? null : new Position(lat, lon);
            }
            case FLOOR -> {
                int v = rs.getInt("floor");
                yield rs.wasNull() ? null : v;
            }
            case AT -> RelationalStore.nullableDouble(rs, "at_metres");
            default -> rs.getString(columns.get(0));
        };
    }

    /** A value as a conflict shows it. */
    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A value from its {@link #text} (a conflict's reported value). */
    Object parseText(String text) {
        if (text == null) {
            return null;
        }
        return switch (this) {
            case POSITION -> {
                String[] parts = text.split(",\\s*");
                yield new Position(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            }
            case FLOOR -> Integer.valueOf(text);
            case AT -> Double.valueOf(text);
            default -> text;
        };
    }

    static PlaceField parse(String wireName) {
        for (PlaceField f : values()) {
            if (f.wireName.equals(wireName)) {
                return f;
            }
        }
        return null;
    }

    boolean ofLocation() {
        return ofLocation;
    }
}
