package de.dos2030.iot.collector.sta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The eight entity types of the SensorThings sensing core, with their collection name, their
 * properties in output order and their navigation properties (name to target type, and whether it
 * is a collection).
 */
public enum EntityType {
    THING("Thing", "Things", List.of("name", "description", "properties")),
    LOCATION("Location", "Locations", List.of("name", "description", "encodingType", "location", "properties")),
    HISTORICAL_LOCATION("HistoricalLocation", "HistoricalLocations", List.of("time")),
    DATASTREAM(
            "Datastream",
            "Datastreams",
            List.of("name", "description", "unitOfMeasurement", "observationType", "phenomenonTime", "properties")),
    SENSOR("Sensor", "Sensors", List.of("name", "description", "encodingType", "metadata", "properties")),
    OBSERVED_PROPERTY(
            "ObservedProperty", "ObservedProperties", List.of("name", "definition", "description", "properties")),
    OBSERVATION(
            "Observation",
            "Observations",
            List.of("phenomenonTime", "resultTime", "result", "resultQuality", "parameters")),
    FEATURE_OF_INTEREST(
            "FeatureOfInterest",
            "FeaturesOfInterest",
            List.of("name", "description", "encodingType", "feature", "properties"));

    private final String singular;
    private final String plural;
    private final List<String> properties;

    EntityType(String singular, String plural, List<String> properties) {
        this.singular = singular;
        this.plural = plural;
        this.properties = properties;
    }

    public String singular() {
        return singular;
    }

    public String plural() {
        return plural;
    }

    /** The entity's own properties, in output order. */
    public List<String> properties() {
        return properties;
    }

    /** A navigation property: where it leads and whether it is a set. */
    public record Nav(String name, EntityType target, boolean many) {}

    private static final Map<EntityType, Map<String, Nav>> NAVS = new java.util.EnumMap<>(EntityType.class);

    static {
        for (EntityType t : values()) {
            NAVS.put(t, java.util.Collections.unmodifiableMap(t.buildNavs()));
        }
    }

    /** The navigation properties of this type, in output order. */
    public Map<String, Nav> navs() {
        return NAVS.get(this);
    }

    private Map<String, Nav> buildNavs() {
        Map<String, Nav> out = new LinkedHashMap<>();
        switch (this) {
            case THING -> {
                nav(out, "Locations", LOCATION, true);
                nav(out, "HistoricalLocations", HISTORICAL_LOCATION, true);
                nav(out, "Datastreams", DATASTREAM, true);
            }
            case LOCATION -> {
                nav(out, "Things", THING, true);
                nav(out, "HistoricalLocations", HISTORICAL_LOCATION, true);
            }
            case HISTORICAL_LOCATION -> {
                nav(out, "Thing", THING, false);
                nav(out, "Locations", LOCATION, true);
            }
            case DATASTREAM -> {
                nav(out, "Thing", THING, false);
                nav(out, "Sensor", SENSOR, false);
                nav(out, "ObservedProperty", OBSERVED_PROPERTY, false);
                nav(out, "Observations", OBSERVATION, true);
            }
            case SENSOR, OBSERVED_PROPERTY -> nav(out, "Datastreams", DATASTREAM, true);
            case OBSERVATION -> {
                nav(out, "Datastream", DATASTREAM, false);
                nav(out, "FeatureOfInterest", FEATURE_OF_INTEREST, false);
            }
            case FEATURE_OF_INTEREST -> nav(out, "Observations", OBSERVATION, true);
        }
        return out;
    }

    private static void nav(Map<String, Nav> out, String name, EntityType target, boolean many) {
        out.put(name, new Nav(name, target, many));
    }

    /** The type whose collection is called {@code plural}, or null. */
    public static EntityType ofPlural(String plural) {
        for (EntityType t : values()) {
            if (t.plural.equals(plural)) {
                return t;
            }
        }
        return null;
    }
}
