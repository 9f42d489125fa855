package de.dos2030.iot.collector.places;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ErrorAnswer;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.validation.PlaceRules;
import de.dos2030.iot.model.validation.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An admin's edit as a JSON object, checked against the same bounds as a gateway's report
 * ({@link PlaceRules}). PATCH changes the fields the body names ({@code null} clears one); PUT sets
 * every field, clearing the ones it leaves out. Every problem of a body is reported at once, each
 * naming its field.
 *
 * @param changes  the fields to set, to null where cleared
 * @param isPublic the site's public flag, null when not to change
 */
record PlaceEdit(Map<PlaceField, Object> changes, Boolean isPublic) {

    static final List<String> SITE_KEYS = List.of("name", "address", "position", "timeZone", "public");

    /** A site edit; {@code replace} for PUT. */
    static PlaceEdit site(Map<String, Object> body, boolean replace) {
        List<Problem> problems = new ArrayList<>();
        known(body, SITE_KEYS, problems);
        Map<PlaceField, Object> changes = new LinkedHashMap<>();
        Boolean isPublic = null;
        if (present(body, "name", replace)) {
            String name = text(body, "name", PlaceRules.MAX_SITE_NAME, true, problems);
            changes.put(PlaceField.NAME, name);
        }
        if (present(body, "address", replace)) {
            changes.put(PlaceField.ADDRESS, text(body, "address", PlaceRules.MAX_ADDRESS, false, problems));
        }
        if (present(body, "position", replace)) {
            changes.put(PlaceField.POSITION, position(body.get("position"), problems));
        }
        if (present(body, "timeZone", replace)) {
            String zone = text(body, "timeZone", PlaceRules.MAX_ZONE, false, problems);
            PlaceRules.zone("timeZone", zone).ifPresent(problems::add);
            changes.put(PlaceField.TIME_ZONE, zone);
        }
        if (body.containsKey("public")) {
            if (body.get("public") instanceof Boolean b) {
                isPublic = b;
            } else {
                problems.add(new Problem("public", "expected true or false, got " + shown(body.get("public"))));
            }
        } else if (replace) {
            isPublic = false;
        }
        refuse(problems);
        return new PlaceEdit(changes, isPublic);
    }

    /** A location edit; {@code replace} for PUT. Rooms have floor and number, sections their position along the bridge. */
    static PlaceEdit location(Map<String, Object> body, boolean replace, LocationKind kind) {
        List<Problem> problems = new ArrayList<>();
        List<String> keys = kind == LocationKind.ROOM ? List.of("name", "floor", "number") : List.of("name", "at");
        known(body, keys, problems);
        Map<PlaceField, Object> changes = new HashMap<>();
        if (present(body, "name", replace)) {
            changes.put(PlaceField.NAME, text(body, "name", PlaceRules.MAX_LOCATION_NAME, true, problems));
        }
        if (kind == LocationKind.ROOM && present(body, "floor", replace)) {
            Integer floor = integer(body.get("floor"), "floor", problems);
            PlaceRules.floor("floor", floor).ifPresent(problems::add);
            changes.put(PlaceField.FLOOR, floor);
        }
        if (kind == LocationKind.ROOM && present(body, "number", replace)) {
            changes.put(PlaceField.NUMBER, text(body, "number", PlaceRules.MAX_ROOM_NUMBER, false, problems));
        }
        if (kind == LocationKind.SECTION && present(body, "at", replace)) {
            Double at = number(body.get("at"), "at", problems);
            PlaceRules.along("at", at).ifPresent(problems::add);
            changes.put(PlaceField.AT, at);
        }
        refuse(problems);
        return new PlaceEdit(changes, null);
    }

    private static boolean present(Map<String, Object> body, String key, boolean replace) {
        return replace || body.containsKey(key);
    }

    private static void known(Map<String, Object> body, List<String> allowed, List<Problem> problems) {
        for (String key : body.keySet()) {
            if (!allowed.contains(key)) {
                problems.add(new Problem(
                        ErrorAnswer.quoted(key).replace("'", ""),
                        "is not a field of this place (allowed: " + String.join(", ", allowed) + ")"));
            }
        }
    }

    private static String text(
            Map<String, Object> body, String key, int max, boolean required, List<Problem> problems) {
        Object v = body.get(key);
        if (v != null && !(v instanceof String)) {
            problems.add(new Problem(key, "expected text, got " + shown(v)));
            return null;
        }
        PlaceRules.text(problems, key, (String) v, max, required);
        return (String) v;
    }

    private static Position position(Object v, List<Problem> problems) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(new Problem("position", "expected {\"lat\": ..., \"lon\": ...}, got " + shown(v)));
            return null;
        }
        Double lat = number(m.get("lat"), "position.lat", problems);
        Double lon = number(m.get("lon"), "position.lon", problems);
        int before = problems.size();
        PlaceRules.position(problems, "position", lat, lon);
        if (lat == null && lon == null && problems.size() == before) {
            problems.add(new Problem("position", "needs lat and lon (or null to clear it)"));
        }
        return problems.size() == before && lat != null ? new Position(lat, lon) : null;
    }

    private static Double number(Object v, String key, List<Problem> problems) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        problems.add(new Problem(key, "expected a number, got " + shown(v)));
        return null;
    }

    private static Integer integer(Object v, String key, List<Problem> problems) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e6) {
            return n.intValue();
        }
        problems.add(new Problem(key, "expected a whole number, got " + shown(v)));
        return null;
    }

    private static String shown(Object v) {
        return v instanceof String
                ? ErrorAnswer.quoted(v)
                : ErrorAnswer.quoted(String.valueOf(v)).replace("'", "");
    }

    private static void refuse(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new BadRequestException(
                    problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        }
    }
}
