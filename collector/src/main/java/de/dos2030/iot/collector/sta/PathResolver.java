package de.dos2030.iot.collector.sta;

import de.dos2030.iot.collector.sta.filter.Evaluator;
import de.dos2030.iot.collector.sta.filter.Expr;
import de.dos2030.iot.collector.sta.filter.FilterException;
import java.util.List;
import java.util.Map;

/**
 * Reads a property path of an entity for {@code $filter}/{@code $orderby}: own properties
 * ({@code name}, {@code id}), into JSON objects ({@code properties/kind}, {@code unitOfMeasurement/name}),
 * and through single-valued navigation ({@code Datastream/Thing/name}). A path through a set
 * ({@code Datastreams/name}) is refused: the standard has no lambda operators.
 */
final class PathResolver implements Evaluator.Resolver {
    private final StaModel model;

    PathResolver(StaModel model) {
        this.model = model;
    }

    @Override
    public Object resolve(Object target, Expr.Path path) {
        Object cur = target;
        List<String> segs = path.segments();
        for (int i = 0; i < segs.size(); i++) {
            String s = segs.get(i);
            if (cur == null) {
                return null;
            }
            if (cur instanceof Entity e) {
                EntityType.Nav nav = e.type().navs().get(s);
                if (nav != null) {
                    if (nav.many()) {
                        throw new FilterException("path '" + path.text() + "' goes through the set " + s + " of a "
                                + e.type().singular()
                                + ": only single-valued navigation (e.g. Datastream/Thing/name) is"
                                + " allowed in $filter");
                    }
                    cur = single(e, s);
                } else if (s.equals("id") || s.equals("@iot.id")) {
                    cur = e.id();
                } else if (e.type().properties().contains(s)) {
                    cur = e.property(s);
                    if (cur instanceof EntityBuilder.Interval iv) {
                        cur = iv.start();
                    }
                } else {
                    throw new FilterException("'" + s + "' in path '" + path.text() + "' is not a property of "
                            + e.type().singular() + " (properties: "
                            + String.join(", ", e.type().properties())
                            + "; navigation: "
                            + String.join(", ", e.type().navs().keySet()) + ")");
                }
            } else if (cur instanceof Map<?, ?> m) {
                cur = m.get(s);
            } else {
                return null;
            }
        }
        return cur;
    }

    /** The entity a single-valued navigation property leads to, or null. */
    Entity single(Entity e, String nav) {
        if (e.type() == EntityType.OBSERVATION) {
            Refs.Obs o = (Refs.Obs) e.source();
            return nav.equals("Datastream")
                    ? model.byId(EntityType.DATASTREAM, o.datastreamId())
                    : model.byKey(
                            EntityType.FEATURE_OF_INTEREST, o.stream().place().key());
        }
        List<Entity> r = model.related(e, nav);
        return r.isEmpty() ? null : r.get(0);
    }
}
