package de.dos2030.iot.config.model;

import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.validation.PlaceRules;
import java.text.Normalizer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The asset a gateway watches: its id (an InfluxDB tag and MQTT topic level), kind, human name,
 * optional address and position, its time zone (local days are days there), and the locations
 * inside it: rooms of a school, sections of a bridge. Several gateways may share a site; each file
 * declares the locations its sensors are at.
 */
public record SiteConfig(
        String id,
        SiteKind kind,
        String name,
        Optional<String> address,
        Optional<GeoPosition> position,
        ZoneId timeZone,
        List<LocationConfig> locations) {

    public SiteConfig {
        locations = locations == null ? null : List.copyOf(locations);
        Violation.throwIfAny("site", violations(id, kind, name, timeZone, locations));
    }

    /** A site in the default time zone without locations. */
    public SiteConfig(String id, SiteKind kind, String name, Optional<String> address, Optional<GeoPosition> position) {
        this(id, kind, name, address, position, Defaults.TIME_ZONE, List.of());
    }

    /** The location with this id. */
    public Optional<LocationConfig> location(String locationId) {
        return locations.stream().filter(l -> l.id().equals(locationId)).findFirst();
    }

    /** Where a sensor that names no location is: the site's only location, if it has exactly one. */
    public Optional<LocationConfig> defaultLocation() {
        return locations.size() == 1 ? Optional.of(locations.get(0)) : Optional.empty();
    }

    /** The key under {@code site:} that lists locations of this kind: {@code rooms} or {@code sections}. */
    public static String listKey(LocationKind kind) {
        return kind.wireName() + "s";
    }

    public static List<Violation> violations(
            String id, SiteKind kind, String name, ZoneId timeZone, List<LocationConfig> locations) {
        List<Violation> out = new ArrayList<>();
        Identifier.check("id", id).ifPresent(out::add);
        if (kind == null || name == null || name.isBlank() || timeZone == null || locations == null) {
            out.add(Violation.of("", "kind, name and time-zone are required"));
            return out;
        }
        if (locations.size() > PlaceRules.MAX_LOCATIONS) {
            out.add(Violation.of(
                    listKey(LocationKind.of(kind)),
                    locations.size() + " locations, at most " + PlaceRules.MAX_LOCATIONS + " allowed"));
        }
        LocationKind own = LocationKind.of(kind);
        Map<LocationKind, Integer> index = new HashMap<>();
        Map<String, String> seen = new HashMap<>();
        boolean wrongKindReported = false;
        for (LocationConfig l : locations) {
            int i = index.merge(l.kind(), 1, Integer::sum) - 1;
            String path = listKey(l.kind()) + "[" + i + "]";
            if (l.kind() != own && !wrongKindReported) {
                out.add(Violation.of(
                        listKey(l.kind()),
                        "a " + kind.wireName() + " has " + listKey(own) + ", not " + listKey(l.kind()),
                        listKey(own)));
                wrongKindReported = true;
            }
            String first = seen.putIfAbsent(l.id(), path);
            if (first != null) {
                out.add(Violation.of(
                        path + ".id",
                        l.kind().wireName() + " id '" + l.id() + "' is already used by " + first,
                        "an id unique within the site"));
            }
        }
        return out;
    }

    /**
     * The rules of the site-level {@code span}/{@code room} of files written before locations: a
     * school has rooms, a bridge spans.
     */
    public static List<Violation> legacyViolations(SiteKind kind, Optional<String> span, Optional<String> room) {
        List<Violation> out = new ArrayList<>();
        if (kind == SiteKind.SCHOOL && span.isPresent()) {
            out.add(Violation.of("span", "a school has rooms, not spans", "room"));
        }
        if (kind == SiteKind.BRIDGE && room.isPresent()) {
            out.add(Violation.of("room", "a bridge has spans, not rooms", "span"));
        }
        return out;
    }

    /**
     * The one location a file written before locations describes with {@code room: R204} or
     * {@code span: field 2, pier P2}: named so, with an id made of the name ({@code r204},
     * {@code field-2-pier-p2}), the location of every sensor of the file.
     */
    public static LocationConfig legacyLocation(LocationKind kind, String name) {
        String ascii = Normalizer.normalize(name.replace("ß", "ss"), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        String id = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (id.length() < 2) {
            id = kind.wireName() + (id.isEmpty() ? "" : "-" + id);
        }
        if (id.length() > Identifier.MAX_LENGTH) {
            id = id.substring(0, Identifier.MAX_LENGTH).replaceAll("-+$", "");
        }
        String shortName =
                name.length() > PlaceRules.MAX_LOCATION_NAME ? name.substring(0, PlaceRules.MAX_LOCATION_NAME) : name;
        return kind == LocationKind.ROOM ? LocationConfig.room(id, shortName) : LocationConfig.section(id, shortName);
    }
}
