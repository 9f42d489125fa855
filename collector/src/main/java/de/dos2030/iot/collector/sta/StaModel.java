package de.dos2030.iot.collector.sta;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry-derived entities one caller may see (all but Observations), with the links between
 * them, in id order. Immutable once built by {@link StaModels}; shared between requests.
 */
final class StaModel {
    private final Map<EntityType, TreeMap<Long, Entity>> byId = new EnumMap<>(EntityType.class);
    private final Map<EntityType, Map<String, Entity>> byKey = new EnumMap<>(EntityType.class);
    private final Map<String, List<Entity>> links = new HashMap<>();

    StaModel() {
        for (EntityType t : EntityType.values()) {
            byId.put(t, new TreeMap<>());
            byKey.put(t, new HashMap<>());
        }
    }

    void add(Entity e) {
        byId.get(e.type()).put(e.id(), e);
        byKey.get(e.type()).put(e.key(), e);
    }

    /** Records that {@code from}'s navigation property {@code nav} includes {@code to}. */
    void link(Entity from, String nav, Entity to) {
        List<Entity> list = links.computeIfAbsent(linkKey(from, nav), k -> new ArrayList<>());
        if (!list.contains(to)) {
            list.add(to);
        }
    }

    void sortLinks() {
        links.values().forEach(l -> l.sort(java.util.Comparator.comparingLong(Entity::id)));
    }

    Collection<Entity> all(EntityType type) {
        return byId.get(type).values();
    }

    Entity byId(EntityType type, long id) {
        return byId.get(type).get(id);
    }

    Entity byKey(EntityType type, String key) {
        return byKey.get(type).get(key);
    }

    /** The entities a navigation property of {@code from} leads to (not Observations: see {@link Observations}). */
    List<Entity> related(Entity from, String nav) {
        return links.getOrDefault(linkKey(from, nav), List.of());
    }

    private static String linkKey(Entity e, String nav) {
        return e.type().ordinal() + "/" + e.id() + "/" + nav;
    }
}
