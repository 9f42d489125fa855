package de.dos2030.iot.config.model;

import de.dos2030.iot.model.LocationKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which location of its site each sensor is at: the one its entry names ({@code room}/{@code section}),
 * else the site's only location; a site with several locations needs every sensor to name one.
 */
public final class SensorLocations {

    private SensorLocations() {}

    /** The location of every sensor that has one, derived tilt ids included, in sensor order. */
    public static Map<String, LocationConfig> of(SiteConfig site, List<SensorConfig> sensors) {
        Map<String, LocationConfig> out = new LinkedHashMap<>();
        for (SensorConfig s : sensors) {
            s.location()
                    .flatMap(ref -> site.location(ref.id()))
                    .or(site::defaultLocation)
                    .ifPresent(l -> {
                        out.put(s.id(), l);
                        if (s.tilt().isPresent()) {
                            TiltConfig.derivedIds(s.id()).forEach(d -> out.put(d, l));
                        }
                    });
        }
        return out;
    }

    static void violations(List<Violation> out, SiteConfig site, List<SensorConfig> sensors) {
        LocationKind own = LocationKind.of(site.kind());
        String declared = site.locations().stream()
                .filter(l -> l.kind() == own)
                .map(LocationConfig::id)
                .collect(Collectors.joining(", "));
        String allowed = declared.isEmpty() ? "declare it under site." + SiteConfig.listKey(own) + " first" : declared;
        for (int i = 0; i < sensors.size(); i++) {
            SensorConfig s = sensors.get(i);
            if (s == null) {
                continue;
            }
            String path = "sensors[" + i + "]";
            if (s.location().isEmpty()) {
                if (site.locations().size() > 1) {
                    out.add(Violation.of(
                            path,
                            "this site has " + site.locations().size() + " " + SiteConfig.listKey(own)
                                    + ": name the one sensor '" + s.id() + "' is at with " + own.wireName(),
                            declared));
                }
                continue;
            }
            LocationRef ref = s.location().get();
            if (ref.kind() != own) {
                out.add(Violation.of(
                        path + "." + ref.key(),
                        "a " + site.kind().wireName() + "'s sensors are at " + SiteConfig.listKey(own) + ", not "
                                + SiteConfig.listKey(ref.kind()),
                        own.wireName()));
            } else if (site.location(ref.id()).isEmpty()) {
                out.add(Violation.of(
                        path + "." + ref.key(),
                        own.wireName() + " '" + ref.id() + "' is not declared under site." + SiteConfig.listKey(own),
                        allowed));
            }
        }
    }
}
