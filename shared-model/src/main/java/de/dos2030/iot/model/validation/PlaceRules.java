package de.dos2030.iot.model.validation;

import de.dos2030.iot.model.PlaceReport;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bounds of a place description ({@link PlaceReport}): what the gateway's file may declare, what
 * the collector's registry and admin API accept. Every text has a length limit and no control
 * characters (names end up in CSV files and logs); lists have a count limit, so that one hostile
 * gateway cannot flood the registry. Thread-safe, stateless.
 */
public final class PlaceRules {
    public static final int MAX_SITE_NAME = 200;
    public static final int MAX_ADDRESS = 200;
    public static final int MAX_LOCATION_NAME = 100;
    public static final int MAX_ROOM_NUMBER = 20;
    public static final int MAX_ZONE = 64;
    /** A school has some dozens of rooms, a long bridge some dozens of fields: hundreds is plenty. */
    public static final int MAX_LOCATIONS = 500;

    public static final int MAX_SENSORS = 1_000;
    /** Rule limits in one report: a few watched quantities per sensor. */
    public static final int MAX_LIMITS = 4_000;

    public static final int MIN_FLOOR = -10;
    public static final int MAX_FLOOR = 200;
    /** Metres along a bridge: the longest bridges are some 160 km. */
    public static final double MAX_AT_METRES = 1_000_000;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private PlaceRules() {}

    /** Every problem of {@code place}, with paths under {@code prefix} (e.g. {@code health.place}). */
    public static List<Problem> problems(String prefix, PlaceReport place) {
        List<Problem> out = new ArrayList<>(0);
        if (place.siteKind() == null) {
            out.add(new Problem(prefix + ".siteKind", "is missing"));
        }
        text(out, prefix + ".name", place.name(), MAX_SITE_NAME, true);
        text(out, prefix + ".address", place.address(), MAX_ADDRESS, false);
        position(out, prefix, place.lat(), place.lon());
        zone(prefix + ".timeZone", place.timeZone()).ifPresent(out::add);
        if (place.locations().size() > MAX_LOCATIONS) {
            out.add(new Problem(
                    prefix + ".locations",
                    place.locations().size() + " locations, at most " + MAX_LOCATIONS + " allowed"));
            return out; // one problem, not thousands
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < place.locations().size(); i++) {
            String at = prefix + ".locations[" + i + "]";
            PlaceReport.Location l = place.locations().get(i);
            id(out, at + ".id", l.id());
            if (l.kind() == null) {
                out.add(new Problem(at + ".kind", "is missing"));
            } else if (place.siteKind() != null && l.kind().siteKind() != place.siteKind()) {
                out.add(new Problem(
                        at + ".kind",
                        "a " + place.siteKind().wireName() + " has no "
                                + l.kind().wireName() + "s"));
            }
            text(out, at + ".name", l.name(), MAX_LOCATION_NAME, true);
            text(out, at + ".number", l.number(), MAX_ROOM_NUMBER, false);
            floor(at + ".floor", l.floor()).ifPresent(out::add);
            along(at + ".at", l.at()).ifPresent(out::add);
            Integer first = l.id() == null ? null : ids.putIfAbsent(l.id(), i);
            if (first != null) {
                out.add(new Problem(at + ".id", "'" + l.id() + "' is already the id of locations[" + first + "]"));
            }
        }
        if (place.sensors().size() > MAX_SENSORS) {
            out.add(new Problem(
                    prefix + ".sensors", place.sensors().size() + " sensors, at most " + MAX_SENSORS + " allowed"));
            return out;
        }
        place.sensors().forEach((sensor, location) -> {
            String at = prefix + ".sensors[" + shown(sensor) + "]";
            id(out, at, sensor);
            if (location == null || !ids.containsKey(location)) {
                out.add(new Problem(at, "location " + shown(location) + " is not one of the place's locations"));
            }
        });
        limits(out, prefix + ".limits", place.limits());
        return out;
    }

    private static void limits(List<Problem> out, String path, List<PlaceReport.Limit> limits) {
        if (limits.size() > MAX_LIMITS) {
            out.add(new Problem(path, limits.size() + " limits, at most " + MAX_LIMITS + " allowed"));
            return;
        }
        for (int i = 0; i < limits.size(); i++) {
            String at = path + "[" + i + "]";
            PlaceReport.Limit l = limits.get(i);
            id(out, at + ".sensor", l.sensorId());
            if (l.quantity() == null) {
                out.add(new Problem(at + ".quantity", "missing"));
            }
            for (Double v : new Double[] {l.warningAbove(), l.criticalAbove(), l.warningBelow(), l.criticalBelow()}) {
                if (v != null && !Double.isFinite(v)) {
                    out.add(new Problem(at, "a limit must be a finite number, not " + v));
                }
            }
        }
    }

    /** A problem when {@code zone} is present but not an IANA time zone id. */
    public static java.util.Optional<Problem> zone(String path, String zone) {
        if (zone != null && (zone.length() > MAX_ZONE || !ZONES.contains(zone))) {
            return java.util.Optional.of(
                    new Problem(path, shown(zone) + " is not an IANA time zone (e.g. Europe/Berlin, UTC)"));
        }
        return java.util.Optional.empty();
    }

    /** A problem when {@code floor} is present and outside {@link #MIN_FLOOR}..{@link #MAX_FLOOR}. */
    public static java.util.Optional<Problem> floor(String path, Integer floor) {
        if (floor != null && (floor < MIN_FLOOR || floor > MAX_FLOOR)) {
            return java.util.Optional.of(
                    new Problem(path, floor + " is not a floor (allowed: " + MIN_FLOOR + " to " + MAX_FLOOR + ")"));
        }
        return java.util.Optional.empty();
    }

    /** A problem when {@code at} is present and not 0..{@link #MAX_AT_METRES} metres. */
    public static java.util.Optional<Problem> along(String path, Double at) {
        if (at != null && !(at >= 0 && at <= MAX_AT_METRES)) {
            return java.util.Optional.of(new Problem(
                    path, at + " m is not a position along a bridge (allowed: 0 to " + (long) MAX_AT_METRES + " m)"));
        }
        return java.util.Optional.empty();
    }

    /** Problems of a WGS84 position: both or neither given, each finite and in range. */
    public static void position(List<Problem> out, String prefix, Double lat, Double lon) {
        if ((lat == null) != (lon == null)) {
            out.add(new Problem(prefix + (lat == null ? ".lat" : ".lon"), "is missing: give lat and lon together"));
            return;
        }
        if (lat != null && !(lat >= -90 && lat <= 90)) {
            out.add(new Problem(prefix + ".lat", lat + " is not a latitude (allowed: -90 to 90)"));
        }
        if (lon != null && !(lon >= -180 && lon <= 180)) {
            out.add(new Problem(prefix + ".lon", lon + " is not a longitude (allowed: -180 to 180)"));
        }
    }

    /** Problems of a text: required or not, at most {@code max} characters, no control characters. */
    public static void text(List<Problem> out, String path, String text, int max, boolean required) {
        if (text == null) {
            if (required) {
                out.add(new Problem(path, "is missing"));
            }
        } else if (text.isBlank() || text.length() > max) {
            out.add(new Problem(path, "must be 1 to " + max + " characters, was " + text.length()));
        } else if (CONTROL.matcher(text).find()) {
            out.add(new Problem(path, "must not contain control characters"));
        }
    }

    private static void id(List<Problem> out, String path, String id) {
        if (id == null
                || id.isEmpty()
                || id.length() > Validator.MAX_ID_LENGTH
                || !Validator.ID_PATTERN.matcher(id).matches()) {
            out.add(new Problem(
                    path,
                    shown(id) + " is not a valid id: 1 to " + Validator.MAX_ID_LENGTH
                            + " characters of A-Z a-z 0-9 . _ - starting with a letter or digit"));
        }
    }

    /** A caller's text in a message: quoted, cut, control characters replaced. */
    private static String shown(String text) {
        if (text == null) {
            return "(none)";
        }
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return "'" + CONTROL.matcher(cut).replaceAll("?") + "'";
    }
}
