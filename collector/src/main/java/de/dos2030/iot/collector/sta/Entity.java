package de.dos2030.iot.collector.sta;

import java.util.Map;

/**
 * One entity as this service answers it: its type, numeric {@code @iot.id}, its stable text key
 * (e.g. {@code gs-kley:r204} for a Thing; also accepted in URLs as {@code Things('gs-kley:r204')}),
 * its properties by name (values: null, String, Number, Boolean, Instant, Map, List) and what it was
 * built from ({@code source}: a registry record or an observation), which navigation reads.
 */
public record Entity(EntityType type, long id, String key, Map<String, Object> properties, Object source) {

    public Object property(String name) {
        return properties.get(name);
    }
}
