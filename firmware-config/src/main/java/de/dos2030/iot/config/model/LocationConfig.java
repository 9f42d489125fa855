package de.dos2030.iot.config.model;

import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.validation.PlaceRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A location inside a site: a room of a school (with floor and the number on its door) or a
 * section of a bridge (a span or field, with its position along the bridge in metres from the
 * start). Sensors name the location they are at by its id.
 */
public record LocationConfig(
        String id,
        LocationKind kind,
        String name,
        Optional<Integer> floor,
        Optional<String> number,
        Optional<Double> at) {

    public LocationConfig {
        Violation.throwIfAny("location " + id, violations(id, kind, name, floor, number, at));
    }

    /** A room with a name only. */
    public static LocationConfig room(String id, String name) {
        return new LocationConfig(id, LocationKind.ROOM, name, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A bridge section with a name only. */
    public static LocationConfig section(String id, String name) {
        return new LocationConfig(id, LocationKind.SECTION, name, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static List<Violation> violations(
            String id,
            LocationKind kind,
            String name,
            Optional<Integer> floor,
            Optional<String> number,
            Optional<Double> at) {
        List<Violation> out = new ArrayList<>();
        Identifier.check("id", id).ifPresent(out::add);
        if (kind == null || name == null || name.isBlank() || floor == null || number == null || at == null) {
            out.add(Violation.of("", "kind and name are required"));
            return out;
        }
        if (name.length() > PlaceRules.MAX_LOCATION_NAME) {
            out.add(Violation.of("name", "is longer than " + PlaceRules.MAX_LOCATION_NAME + " characters"));
        }
        if (kind == LocationKind.SECTION && (floor.isPresent() || number.isPresent())) {
            out.add(Violation.of("", "a bridge section has no floor or room number", "id, name, at"));
        }
        if (kind == LocationKind.ROOM && at.isPresent()) {
            out.add(Violation.of("at", "a room has no position along a bridge", "id, name, floor, number"));
        }
        floor.flatMap(f -> PlaceRules.floor("floor", f)).ifPresent(p -> out.add(Violation.of(p.path(), p.message())));
        at.flatMap(a -> PlaceRules.along("at", a)).ifPresent(p -> out.add(Violation.of(p.path(), p.message())));
        return out;
    }
}
