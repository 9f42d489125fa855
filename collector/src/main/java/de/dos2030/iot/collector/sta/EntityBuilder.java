package de.dos2030.iot.collector.sta;

import static de.dos2030.iot.collector.sta.StaModels.props;

import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.places.Position;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.WireNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The properties of each entity type, from the registry records ({@link Refs}). */
final class EntityBuilder {
    static final String GEO_JSON = "application/geo+json";
    static final String OM_MEASUREMENT = "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement";

    private EntityBuilder() {}

    static Entity thing(long id, Refs.Place p) {
        PlaceDirectory.Location l = p.location();
        return new Entity(
                EntityType.THING,
                id,
                p.key(),
                props(
                        "name", placeName(p),
                        "description", description(p),
                        "properties",
                                props(
                                        "key", p.key(),
                                        "site", p.site().id(),
                                        "siteName", p.site().name(),
                                        "siteKind", p.site().kind(),
                                        "location", l.id(),
                                        "kind", l.kind(),
                                        "floor", l.floor(),
                                        "number", l.number(),
                                        "at", l.at())),
                p);
    }

    static Entity featureOfInterest(long id, Refs.Place p) {
        Map<String, Object> props = props(
                "name", placeName(p),
                "description", description(p),
                "encodingType", GEO_JSON,
                "feature", point(p.site().position()),
                "properties",
                        props(
                                "key",
                                p.key(),
                                "site",
                                p.site().id(),
                                "location",
                                p.location().id()));
        props.putIfAbsent("feature", null);
        return new Entity(EntityType.FEATURE_OF_INTEREST, id, p.key(), props, p);
    }

    static Entity location(long id, PlaceDirectory.Site site) {
        return new Entity(
                EntityType.LOCATION,
                id,
                site.id(),
                props(
                        "name",
                        site.name() == null ? site.id() : site.name(),
                        "description",
                        site.address() == null ? "site " + site.id() : site.address(),
                        "encodingType",
                        GEO_JSON,
                        "location",
                        point(site.position()),
                        "properties",
                        props("key", site.id(), "site", site.id(), "siteKind", site.kind())),
                site);
    }

    static Entity historicalLocation(long id, Refs.Place p, Instant since) {
        return new Entity(EntityType.HISTORICAL_LOCATION, id, p.key(), props("time", since), p);
    }

    static Entity datastream(long id, Refs.Stream s) {
        Quantity q = s.quantity();
        String stat = WireNames.of(s.statistic());
        Map<String, Object> props = props(
                "name",
                Catalogue.label(q) + (s.statistic() == Statistic.SAMPLE ? "" : " (" + stat + ")") + " of " + s.sensor()
                        + " in " + placeName(s.place()),
                "description",
                Catalogue.label(q) + " in " + q.unit() + ", "
                        + (s.statistic() == Statistic.SAMPLE ? "single samples" : stat + " of each window")
                        + ", sensor '" + s.sensor() + "' of gateway '" + s.gateway() + "' at " + description(s.place()),
                "unitOfMeasurement",
                props(
                        "name", Catalogue.ucum(q.unit()),
                        "symbol", q.unit(),
                        "definition", "https://ucum.org/ucum#" + Catalogue.ucum(q.unit())),
                "observationType",
                OM_MEASUREMENT,
                "properties",
                props(
                        "key", s.key(),
                        "site", s.place().site().id(),
                        "location", s.place().location().id(),
                        "gateway", s.gateway(),
                        "sensor", s.sensor(),
                        "quantity", q.wireName(),
                        "statistic", stat));
        return new Entity(EntityType.DATASTREAM, id, s.key(), withNull(props, "phenomenonTime", 4), s);
    }

    static Entity sensor(long id, Refs.Stream s, Set<Quantity> quantities) {
        Catalogue.Chip chip = Catalogue.chip(quantities);
        return new Entity(
                EntityType.SENSOR,
                id,
                s.sensorKey(),
                props(
                        "name", s.sensor(),
                        "description", chip.model() + ": sensor '" + s.sensor() + "' of gateway '" + s.gateway() + "'",
                        "encodingType", "text/html",
                        "metadata", chip.datasheet(),
                        "properties",
                                props(
                                        "key", s.sensorKey(),
                                        "gateway", s.gateway(),
                                        "sensor", s.sensor(),
                                        "model", chip.model(),
                                        "modelInferredFromQuantities", true,
                                        "quantities",
                                                quantities.stream()
                                                        .map(Quantity::wireName)
                                                        .toList())),
                s);
    }

    static Entity observedProperty(long id, Quantity q) {
        return new Entity(
                EntityType.OBSERVED_PROPERTY,
                id,
                q.wireName(),
                props(
                        "name", Catalogue.label(q),
                        "definition", Catalogue.definition(q),
                        "description", Catalogue.label(q) + ", measured in " + q.unit(),
                        "properties", props("key", q.wireName(), "quantity", q.wireName(), "unit", q.unit())),
                q);
    }

    static Entity observation(Refs.Obs o) {
        Map<String, Object> props = new java.util.LinkedHashMap<>();
        if (o.window() == null) {
            props.put("phenomenonTime", o.time());
            props.put("resultTime", o.time());
        } else {
            Instant end = o.time().plus(o.window());
            props.put("phenomenonTime", new Interval(o.time(), end));
            props.put("resultTime", end);
        }
        props.put("result", o.value());
        props.put("resultQuality", o.quality());
        props.put(
                "parameters",
                o.window() == null ? null : props("window", o.window().toString(), "aggregate", o.aggregate()));
        return new Entity(
                EntityType.OBSERVATION,
                o.id(),
                o.stream().key() + "@" + o.time().toEpochMilli(),
                props,
                o);
    }

    /** A time interval, written {@code start/end}; filters compare its start. */
    record Interval(Instant start, Instant end) {
        @Override
        public String toString() {
            return start + "/" + end;
        }
    }

    private static Map<String, Object> point(Position p) {
        return p == null ? null : props("type", "Point", "coordinates", List.of(p.lon(), p.lat()));
    }

    private static Map<String, Object> withNull(Map<String, Object> props, String name, int at) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, Object> e : props.entrySet()) {
            if (i++ == at) {
                out.put(name, null);
            }
            out.put(e.getKey(), e.getValue());
        }
        out.putIfAbsent(name, null);
        return out;
    }

    static String placeName(Refs.Place p) {
        return p.location().name() == null ? p.location().id() : p.location().name();
    }

    private static String description(Refs.Place p) {
        String site = p.site().name() == null ? p.site().id() : p.site().name();
        return p.location().kind() + " " + p.location().id() + " of " + site;
    }
}
