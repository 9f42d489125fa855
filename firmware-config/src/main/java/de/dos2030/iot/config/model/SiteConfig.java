package de.dos2030.iot.config.model;

import de.dos2030.iot.model.SiteKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The asset a gateway watches: its id (an InfluxDB tag and MQTT topic level), kind, human name,
 * optional address and position, and for a bridge the span, for a school the room.
 */
public record SiteConfig(
        String id,
        SiteKind kind,
        String name,
        Optional<String> address,
        Optional<GeoPosition> position,
        Optional<String> span,
        Optional<String> room) {

    public SiteConfig {
        Violation.throwIfAny("site", violations(id, kind, name, span, room));
    }

    public static List<Violation> violations(
            String id, SiteKind kind, String name, Optional<String> span, Optional<String> room) {
        List<Violation> out = new ArrayList<>();
        Identifier.check("id", id).ifPresent(out::add);
        if (kind == null || name == null || name.isBlank() || span == null || room == null) {
            out.add(Violation.of("", "kind and name are required"));
            return out;
        }
        if (kind == SiteKind.SCHOOL && span.isPresent()) {
            out.add(Violation.of("span", "a school has rooms, not spans", "room"));
        }
        if (kind == SiteKind.BRIDGE && room.isPresent()) {
            out.add(Violation.of("room", "a bridge has spans, not rooms", "span"));
        }
        return out;
    }
}
