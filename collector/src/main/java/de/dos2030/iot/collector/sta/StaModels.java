package de.dos2030.iot.collector.sta;

import de.dos2030.iot.collector.activity.ActivityTracker;
import de.dos2030.iot.collector.activity.LastValues;
import de.dos2030.iot.collector.activity.SensorSeen;
import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.places.Position;
import de.dos2030.iot.collector.security.Scope;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.WireNames;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds the {@link StaModel} from the place registry (sites, rooms, bridge sections, which sensor is
 * where) and what the collector has heard (activity and {@link LastValues}: which sensor reports which
 * quantity and statistic). A sensor the registry places nowhere has no Thing and is not published.
 * Reuses a model until a new series appears, rebuilding it in the background every
 * {@code collector.sta.model-ttl} (registry edits show after that long). Thread-safe.
 */
@Singleton
public class StaModels {
    private final PlaceDirectory places;
    private final ActivityTracker activity;
    private final LastValues lastValues;
    private final StaConfig config;
    private final Clock clock;
    private volatile Cached anonymous;
    private volatile Cached everyone;
    private final AtomicBoolean rebuildingAnonymous = new AtomicBoolean();
    private final AtomicBoolean rebuildingEveryone = new AtomicBoolean();
    private final java.util.concurrent.ConcurrentMap<Scope, Cached> scoped =
            new java.util.concurrent.ConcurrentHashMap<>();
    static final int MAX_SCOPED = 100;

    private record Cached(StaModel model, long builtAt, long generation) {}

    public StaModels(
            PlaceDirectory places, ActivityTracker activity, LastValues lastValues, StaConfig config, Clock clock) {
        this.places = places;
        this.activity = activity;
        this.lastValues = lastValues;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The model for this kind of caller. A new series (or none built yet) builds it now; one older than
     * {@code model-ttl} is still answered while a background thread rebuilds it, so that no request
     * pays for the rebuild (reading activity, hashing keys) in the steady state.
     */
    StaModel model(boolean anonymousCaller) {
        Cached c = anonymousCaller ? anonymous : everyone;
        long gen = lastValues.generation();
        if (c == null || c.generation() != gen) {
            return rebuild(anonymousCaller, gen).model();
        }
        if (clock.millis() - c.builtAt() > config.modelTtl().toMillis()) {
            AtomicBoolean flag = anonymousCaller ? rebuildingAnonymous : rebuildingEveryone;
            if (flag.compareAndSet(false, true)) {
                ForkJoinPool.commonPool().execute(() -> {
                    try {
                        rebuild(anonymousCaller, gen);
                    } finally {
                        flag.set(false);
                    }
                });
            }
        }
        return c.model();
    }

    /**
     * The model for a token holder: every site for scope all, else only the sites of its scope (built per
     * scope and kept like the others, at most {@link #MAX_SCOPED} scopes at once).
     */
    StaModel model(Scope scope) {
        if (scope.isAll()) {
            return model(false);
        }
        long gen = lastValues.generation();
        Cached c = scoped.get(scope);
        if (c == null
                || c.generation() != gen
                || clock.millis() - c.builtAt() > config.modelTtl().toMillis()) {
            if (scoped.size() >= MAX_SCOPED) {
                scoped.clear();
            }
            c = new Cached(build(site -> scope.allows(site.id(), site.kind())), clock.millis(), gen);
            scoped.put(scope, c);
        }
        return c.model();
    }

    private Cached rebuild(boolean anonymousCaller, long generation) {
        Cached c = new Cached(
                build(anonymousCaller ? PlaceDirectory.Site::isPublic : site -> true), clock.millis(), generation);
        if (anonymousCaller) {
            anonymous = c;
        } else {
            everyone = c;
        }
        return c;
    }

    private StaModel build(java.util.function.Predicate<PlaceDirectory.Site> visible) {
        List<Refs.Place> allPlaces = new ArrayList<>();
        places.sites()
                .values()
                .forEach(site ->
                        places.locations(site.id()).values().forEach(l -> allPlaces.add(new Refs.Place(site, l))));
        List<Refs.Stream> allStreams = streams();
        // ids over everything, so that a token holder and an anonymous visitor see the same ids
        Map<String, Long> placeIds =
                NumericIds.assign(allPlaces.stream().map(Refs.Place::key).toList(), 40, "place:");
        Map<String, Long> siteIds = NumericIds.assign(places.sites().keySet(), 40, "site:");
        Map<String, Long> streamIds = NumericIds.assign(
                allStreams.stream().map(Refs.Stream::key).toList(), Ids.DATASTREAM_BITS, "datastream:");
        Map<String, Long> sensorIds = NumericIds.assign(
                allStreams.stream().map(Refs.Stream::sensorKey).toList(), 40, "sensor:");
        Map<String, Long> quantityIds = NumericIds.assign(
                java.util.Arrays.stream(Quantity.values())
                        .map(Quantity::wireName)
                        .toList(),
                40,
                "quantity:");

        StaModel m = new StaModel();
        Map<String, Entity> things = new HashMap<>();
        for (Refs.Place p : allPlaces) {
            if (!visible.test(p.site())) {
                continue;
            }
            long id = placeIds.get(p.key());
            Entity thing = EntityBuilder.thing(id, p);
            Entity foi = EntityBuilder.featureOfInterest(id, p);
            m.add(thing);
            m.add(foi);
            things.put(p.key(), thing);
            Position pos = p.site().position();
            if (pos != null) {
                Entity location = m.byKey(EntityType.LOCATION, p.site().id());
                if (location == null) {
                    location = EntityBuilder.location(siteIds.get(p.site().id()), p.site());
                    m.add(location);
                }
                Entity history = EntityBuilder.historicalLocation(id, p, Instant.EPOCH);
                m.add(history);
                link(m, thing, "Locations", location, "Things");
                link(m, thing, "HistoricalLocations", history, "Thing");
                link(m, location, "HistoricalLocations", history, "Locations");
            }
        }
        Map<String, Set<Quantity>> sensorQuantities = new HashMap<>();
        allStreams.forEach(s -> sensorQuantities
                .computeIfAbsent(s.sensorKey(), k -> EnumSet.noneOf(Quantity.class))
                .add(s.quantity()));
        for (Refs.Stream s : allStreams) {
            Entity thing = things.get(s.place().key());
            if (thing == null) {
                continue; // not visible to this caller
            }
            Entity ds = EntityBuilder.datastream(streamIds.get(s.key()), s);
            m.add(ds);
            Entity sensor = m.byKey(EntityType.SENSOR, s.sensorKey());
            if (sensor == null) {
                sensor = EntityBuilder.sensor(sensorIds.get(s.sensorKey()), s, sensorQuantities.get(s.sensorKey()));
                m.add(sensor);
            }
            Entity op = m.byKey(EntityType.OBSERVED_PROPERTY, s.quantity().wireName());
            if (op == null) {
                op = EntityBuilder.observedProperty(quantityIds.get(s.quantity().wireName()), s.quantity());
                m.add(op);
            }
            link(m, thing, "Datastreams", ds, "Thing");
            link(m, sensor, "Datastreams", ds, "Sensor");
            link(m, op, "Datastreams", ds, "ObservedProperty");
        }
        m.sortLinks();
        return m;
    }

    private static void link(StaModel m, Entity a, String aToB, Entity b, String bToA) {
        m.link(a, aToB, b);
        m.link(b, bToA, a);
    }

    /** Every series heard of that the registry places at a location: activity's, with LastValues' statistics. */
    private List<Refs.Stream> streams() {
        Map<String, Set<Statistic>> statistics = new HashMap<>();
        Map<String, String[]> series = new TreeMap<>();
        lastValues.all().keySet().forEach(k -> {
            String id = k.gateway() + "\u0000" + k.sensor() + "\u0000" + k.quantity();
            Statistic st = WireNames.parse(Statistic.class, k.statistic());
            if (st != null) {
                statistics
                        .computeIfAbsent(id, x -> EnumSet.noneOf(Statistic.class))
                        .add(st);
            }
            series.put(id, new String[] {k.gateway(), k.sensor(), k.quantity()});
        });
        for (SensorSeen s : activity.sensors().values()) {
            series.putIfAbsent(
                    s.gatewayId() + "\u0000" + s.sensorId() + "\u0000" + s.quantity(),
                    new String[] {s.gatewayId(), s.sensorId(), s.quantity()});
        }
        List<Refs.Stream> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        series.forEach((id, g) -> {
            Quantity q = Quantity.fromWireName(g[2]);
            PlaceDirectory.Location at = places.locationOf(g[0], g[1]).orElse(null);
            if (q == null || at == null) {
                return;
            }
            PlaceDirectory.Site site = places.site(at.site()).orElse(null);
            if (site == null) {
                return;
            }
            for (Statistic st : statistics.getOrDefault(id, EnumSet.of(Statistic.SAMPLE))) {
                Refs.Stream s = new Refs.Stream(g[0], g[1], q, st, new Refs.Place(site, at));
                if (seen.add(s.key())) {
                    out.add(s);
                }
            }
        });
        return out;
    }

    static Map<String, Object> props(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                out.put((String) kv[i], kv[i + 1]);
            }
        }
        return out;
    }
}
