package de.dos2030.iot.collector.sta;

import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.sta.filter.FilterException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a SensorThings read: resolves the resource path ({@link ResourcePath}), applies the query
 * options to the entities the caller may see and renders entities with their links and expansions as
 * a JSON tree (maps and lists) for {@link StaJson}. Thread-safe.
 */
@Singleton
public class StaService {
    private final Observations observations;
    private final StaConfig config;

    public StaService(Observations observations, StaConfig config) {
        this.observations = observations;
        this.config = config;
    }

    /** A JSON tree, or the plain text of {@code $value}. */
    sealed interface Answer {
        record Json(Object tree) implements Answer {}

        record Text(String text) implements Answer {}
    }

    /**
     * @throws NotFoundException for an unknown entity, navigation or property
     * @throws FilterException   for a path or option that cannot be read
     */
    Answer answer(StaRequest r, String path, Map<String, String> params) {
        ResourcePath rp = ResourcePath.parse(path);
        QueryOptions o = QueryOptions.of(params);
        Target t = resolve(r, rp);
        if (rp.property() != null) {
            Entity e = t.single();
            if (!e.type().properties().contains(rp.property())) {
                throw new NotFoundException(e.type().singular() + " has no property '" + rp.property() + "'");
            }
            Object v = JsonValues.of(e.property(rp.property()));
            if (rp.value()) {
                return new Answer.Text(
                        v == null
                                ? "null"
                                : v instanceof Map<?, ?> || v instanceof List<?> ? StaJson.text(v) : v.toString());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(rp.property(), v);
            return new Answer.Json(out);
        }
        if (t.single() != null) {
            if (rp.ref()) {
                return new Answer.Json(Map.of("@iot.selfLink", r.selfLink(t.single())));
            }
            return new Answer.Json(render(r, t.single(), o));
        }
        return new Answer.Json(collection(r, t, o, path, params, rp.ref()));
    }

    /** The entity or the set of entities a path names. */
    private record Target(Entity single, EntityType type, List<Entity> members, List<Entity> observedDatastreams) {}

    private Target resolve(StaRequest r, ResourcePath rp) {
        Target cur = null;
        for (ResourcePath.Step step : rp.steps()) {
            if (cur == null) {
                EntityType type = EntityType.ofPlural(step.name());
                if (type == null) {
                    throw new NotFoundException("'" + step.name() + "' is not an entity set (allowed: Things,"
                            + " Locations, HistoricalLocations, Datastreams, Sensors, ObservedProperties, Observations,"
                            + " FeaturesOfInterest)");
                }
                cur = type == EntityType.OBSERVATION
                        ? new Target(null, type, null, new ArrayList<>(r.model().all(EntityType.DATASTREAM)))
                        : new Target(null, type, new ArrayList<>(r.model().all(type)), null);
            } else {
                if (cur.single() == null) {
                    throw new FilterException("'" + step.name() + "' follows a set of "
                            + cur.type().plural() + ": name one entity first, e.g. "
                            + cur.type().plural() + "(1)/" + step.name());
                }
                EntityType.Nav nav = cur.single().type().navs().get(step.name());
                if (nav == null) {
                    throw new NotFoundException(cur.single().type().singular() + " has no navigation property '"
                            + step.name() + "' (allowed: "
                            + String.join(", ", cur.single().type().navs().keySet())
                            + ")");
                }
                if (!nav.many()) {
                    if (step.hasId()) {
                        throw new FilterException("'" + step.name() + "' is a single entity: it takes no id");
                    }
                    Entity next = r.resolver().single(cur.single(), nav.name());
                    if (next == null) {
                        throw new NotFoundException("the " + cur.single().type().singular() + " has no " + nav.name());
                    }
                    cur = new Target(next, next.type(), null, null);
                    continue;
                }
                cur = related(r, cur.single(), nav);
            }
            if (step.hasId()) {
                Entity e = find(r, cur, step);
                if (e == null) {
                    throw new NotFoundException("no " + cur.type().singular() + " " + step.idText());
                }
                cur = new Target(e, e.type(), null, null);
            }
        }
        return cur;
    }

    private Target related(StaRequest r, Entity from, EntityType.Nav nav) {
        if (nav.target() != EntityType.OBSERVATION) {
            return new Target(null, nav.target(), new ArrayList<>(r.model().related(from, nav.name())), null);
        }
        List<Entity> ds = from.type() == EntityType.DATASTREAM
                ? List.of(from)
                : r.model().related(r.model().byKey(EntityType.THING, from.key()), "Datastreams");
        return new Target(null, EntityType.OBSERVATION, null, ds);
    }

    private Entity find(StaRequest r, Target set, ResourcePath.Step step) {
        if (set.type() == EntityType.OBSERVATION) {
            if (step.id() == null) {
                return null;
            }
            Entity ds = r.model().byId(EntityType.DATASTREAM, Ids.datastreamOf(step.id()));
            if (ds == null || !set.observedDatastreams().contains(ds)) {
                return null;
            }
            return observations.byId(ds, step.id(), r.tier(), r.access());
        }
        Entity e = step.id() != null
                ? r.model().byId(set.type(), step.id())
                : r.model().byKey(set.type(), step.key());
        return e != null && set.members().contains(e) ? e : null;
    }

    private Map<String, Object> collection(
            StaRequest r, Target t, QueryOptions o, String path, Map<String, String> params, boolean ref) {
        int top = top(o);
        Map<String, Object> out = new LinkedHashMap<>();
        Observations.Page page = page(r, t.type(), t.members(), t.observedDatastreams(), o, top);
        if (page.count() != null) {
            out.put("@iot.count", page.count());
        }
        List<Object> value = new ArrayList<>(page.items().size());
        for (Entity e : page.items()) {
            value.add(ref ? Map.of("@iot.selfLink", r.selfLink(e)) : render(r, e, o));
        }
        out.put("value", value);
        if (page.more()) {
            out.put("@iot.nextLink", r.nextLink(path, params, o.skip() + top));
        }
        return out;
    }

    private Observations.Page page(
            StaRequest r, EntityType type, List<Entity> members, List<Entity> datastreams, QueryOptions o, int top) {
        if (type == EntityType.OBSERVATION) {
            return observations.of(datastreams, o, top, r.tier(), r.access(), r.evaluator());
        }
        List<Entity> list = members;
        if (o.filter() != null) {
            list = new ArrayList<>();
            for (Entity e : members) {
                if (r.evaluator().test(o.filter(), e)) {
                    list.add(e);
                }
            }
        }
        if (!o.orderBy().isEmpty()) {
            list = new ArrayList<>(list);
            list.sort(EntityOrder.of(o.orderBy(), r.evaluator()).thenComparingLong(Entity::id));
        }
        int from = Math.min(list.size(), o.skip());
        int to = (int) Math.min(list.size(), (long) from + top);
        return new Observations.Page(
                List.copyOf(list.subList(from, to)), list.size() > to, o.count() ? (long) list.size() : null);
    }

    private int top(QueryOptions o) {
        int top = o.top() == null ? config.defaultTop() : o.top();
        if (top > config.maxTop()) {
            throw new FilterException(
                    "$top " + top + " is over the limit of " + config.maxTop() + ": follow @iot.nextLink for more");
        }
        return top;
    }

    /** An entity with its properties, navigation links and expansions, as {@code $select}/{@code $expand} ask. */
    Map<String, Object> render(StaRequest r, Entity e, QueryOptions o) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> select = o.select();
        boolean all = select.isEmpty();
        if (all || select.contains("id") || select.contains("@iot.id")) {
            out.put("@iot.id", e.id());
        }
        String self = r.selfLink(e);
        if (all || select.contains("@iot.selfLink")) {
            out.put("@iot.selfLink", self);
        }
        for (String p : e.type().properties()) {
            if (all || select.contains(p)) {
                out.put(p, JsonValues.of(e.property(p)));
            }
        }
        for (String s : select) {
            if (!s.equals("id")
                    && !s.startsWith("@iot.")
                    && !e.type().properties().contains(s)
                    && !e.type().navs().containsKey(s)) {
                throw new FilterException("$select names '" + s + "', which is not a property of "
                        + e.type().singular() + " (properties: "
                        + String.join(", ", e.type().properties()) + ")");
            }
        }
        Map<String, QueryOptions.Expand> expands = o.expand().isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (QueryOptions.Expand x : o.expand()) {
            if (!e.type().navs().containsKey(x.nav())) {
                throw new FilterException("$expand names '" + x.nav() + "', which is not a navigation property of "
                        + e.type().singular() + " (allowed: "
                        + String.join(", ", e.type().navs().keySet()) + ")");
            }
            expands.put(x.nav(), x);
        }
        for (EntityType.Nav nav : e.type().navs().values()) {
            QueryOptions.Expand x = expands.get(nav.name());
            if (x != null) {
                expand(r, e, nav, x.options(), out, self);
            } else if (all || select.contains(nav.name())) {
                out.put(nav.name() + "@iot.navigationLink", self + "/" + nav.name());
            }
        }
        return out;
    }

    private void expand(
            StaRequest r, Entity e, EntityType.Nav nav, QueryOptions o, Map<String, Object> out, String self) {
        if (!nav.many()) {
            Entity one = r.resolver().single(e, nav.name());
            out.put(nav.name(), one == null ? null : render(r, one, o));
            return;
        }
        Target t = related(r, e, nav);
        int top = top(o);
        Observations.Page page = page(r, nav.target(), t.members(), t.observedDatastreams(), o, top);
        if (page.count() != null) {
            out.put(nav.name() + "@iot.count", page.count());
        }
        List<Object> list = new ArrayList<>(page.items().size());
        for (Entity x : page.items()) {
            list.add(render(r, x, o));
        }
        out.put(nav.name(), list);
        if (page.more()) {
            out.put(
                    nav.name() + "@iot.nextLink",
                    self + "/" + nav.name() + "?$top=" + top + "&$skip=" + (o.skip() + top));
        }
    }
}
