package de.dos2030.iot.collector.places;

import de.dos2030.iot.collector.rollup.SiteZones;
import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.Quantity;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What other packages ask of places: a site by id (name, kind, position, zone, public), the location
 * of a gateway's sensor, the sensors at a location, a site's zone. Answers from an in-memory copy of
 * the place tables, loaded at most every {@code collector.places.cache-ttl} and dropped on every
 * change made through this instance; with several instances on one PostgreSQL, a change made
 * elsewhere shows after at most that long. Thread-safe.
 */
@Singleton
public class PlaceDirectory implements SiteZones {
    /** The zone of a site that names none: the programme's cities. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Berlin");

    private final RelationalStore db;
    private final PlacesConfig config;
    private final Clock clock;
    private volatile Snapshot snapshot;

    public PlaceDirectory(RelationalStore db, PlacesConfig config, Clock clock) {
        this.db = db;
        this.config = config;
        this.clock = clock;
    }

    /** A site as the registry describes it; fields nobody reported or set are null. */
    public record Site(
            String id,
            String kind,
            @Nullable String name,
            @Nullable String address,
            @Nullable Position position,
            ZoneId zone,
            boolean isPublic) {}

    /** A room (schools) or section (bridges) of a site. */
    public record Location(
            String site,
            String id,
            String kind,
            @Nullable String name,
            @Nullable Integer floor,
            @Nullable String number,
            @Nullable Double at) {}

    private record SensorKey(String gateway, String sensor) {}

    private record Snapshot(
            long loadedAt,
            Map<String, Site> sites,
            Map<String, Map<String, Location>> locations,
            Map<SensorKey, Location> sensorLocations,
            Map<String, List<SensorAt>> sensorsAt,
            Map<String, PlaceReport.Limit> limitsAt) {}

    public Optional<Site> site(String id) {
        return Optional.ofNullable(current().sites().get(id));
    }

    /** Every site that has a place row, by id. */
    public Map<String, Site> sites() {
        return current().sites();
    }

    /** The zone of a site: its own, or {@link #DEFAULT_ZONE} (also for null). */
    @Override
    public ZoneId zoneOf(@Nullable String site) {
        return site == null ? DEFAULT_ZONE : site(site).map(Site::zone).orElse(DEFAULT_ZONE);
    }

    /** The locations of a site, by id in id order. */
    public Map<String, Location> locations(String site) {
        return current().locations().getOrDefault(site, Map.of());
    }

    public Optional<Location> location(String site, String id) {
        return Optional.ofNullable(locations(site).get(id));
    }

    /** Where a gateway's sensor is, as the gateway reported. */
    public Optional<Location> locationOf(String gateway, String sensor) {
        return Optional.ofNullable(current().sensorLocations().get(new SensorKey(gateway, sensor)));
    }

    /** The sensors at a location, in gateway and sensor order. */
    public List<SensorAt> sensorsAt(String site, String location) {
        return current().sensorsAt().getOrDefault(site + "/" + location, List.of());
    }

    /**
     * The limits a rule of a sensor at this location watches this quantity with, as its gateway
     * reported them; of several sensors, the first in gateway and sensor order.
     */
    public Optional<PlaceReport.Limit> limitAt(String site, String location, Quantity quantity) {
        return Optional.ofNullable(current().limitsAt().get(site + "/" + location + "/" + quantity.wireName()));
    }

    /** Drops the in-memory copy: the next question reads the tables. */
    public void invalidate() {
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        long now = clock.millis();
        if (s == null || now - s.loadedAt() > config.cacheTtl().toMillis()) {
            s = load(now);
            snapshot = s;
        }
        return s;
    }

    private Snapshot load(long now) {
        return db.run(c -> {
            Map<String, Site> sites = new LinkedHashMap<>();
            for (PlaceRow r : PlaceStore.sites(c, " ORDER BY id")) {
                sites.put(
                        r.siteId(),
                        new Site(
                                r.siteId(),
                                r.kind(),
                                (String) r.value(PlaceField.NAME),
                                (String) r.value(PlaceField.ADDRESS),
                                (Position) r.value(PlaceField.POSITION),
                                zone((String) r.value(PlaceField.TIME_ZONE)),
                                r.isPublic()));
            }
            Map<String, Map<String, Location>> locations = new HashMap<>();
            for (PlaceRow r : PlaceStore.locations(c, "")) {
                locations
                        .computeIfAbsent(r.siteId(), k -> new LinkedHashMap<>())
                        .put(
                                r.locationId(),
                                new Location(
                                        r.siteId(),
                                        r.locationId(),
                                        r.kind(),
                                        (String) r.value(PlaceField.NAME),
                                        (Integer) r.value(PlaceField.FLOOR),
                                        (String) r.value(PlaceField.NUMBER),
                                        (Double) r.value(PlaceField.AT)));
            }
            Map<SensorKey, Location> sensorLocations = new HashMap<>();
            Map<String, List<SensorAt>> sensorsAt = new HashMap<>();
            for (SensorAt s : PlaceStore.sensors(c, "")) {
                Location l = locations.getOrDefault(s.site(), Map.of()).get(s.location());
                if (l != null) {
                    sensorLocations.put(new SensorKey(s.gateway(), s.sensor()), l);
                }
                sensorsAt
                        .computeIfAbsent(s.site() + "/" + s.location(), k -> new ArrayList<>())
                        .add(s);
            }
            Map<String, PlaceReport.Limit> limitsAt = new HashMap<>();
            for (PlaceLimits.Stored s : PlaceLimits.all(c)) {
                Location l =
                        sensorLocations.get(new SensorKey(s.gateway(), s.limit().sensorId()));
                if (l != null) {
                    limitsAt.putIfAbsent(
                            l.site() + "/" + l.id() + "/" + s.limit().quantity().wireName(), s.limit());
                }
            }
            return new Snapshot(now, sites, locations, sensorLocations, sensorsAt, limitsAt);
        });
    }

    /** A stored zone; one that this JVM does not know (an older tz database) reads as the default. */
    private static ZoneId zone(String id) {
        if (id == null) {
            return DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return DEFAULT_ZONE;
        }
    }
}
