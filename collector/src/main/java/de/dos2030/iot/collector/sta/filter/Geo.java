package de.dos2030.iot.collector.sta.filter;

import java.util.List;

/**
 * The geospatial functions of {@code $filter}, planar over longitude/latitude as the standard's WGS84
 * examples are: distance and length in degrees, and the spatial relations between points, line
 * strings and polygons that the registry's data needs (a site is a point). Relations this server
 * cannot decide ({@code st_relate}, {@code st_crosses}, {@code st_overlaps}, {@code st_touches}) are
 * refused with a message rather than answered wrongly.
 */
final class Geo {
    private Geo() {}

    static Object call(String name, List<Object> a) {
        switch (name) {
            case "geo.length": {
                Functions.arity(name, a, 1);
                Geometry g = geometry(a.get(0), name);
                if (!(g instanceof Geometry.LineString l)) {
                    throw new FilterException("geo.length() needs a LINESTRING");
                }
                double sum = 0;
                for (int i = 1; i < l.points().size(); i++) {
                    sum += distance(l.points().get(i - 1), l.points().get(i));
                }
                return sum;
            }
            case "geo.distance": {
                Functions.arity(name, a, 2);
                return distance(geometry(a.get(0), name), geometry(a.get(1), name), name);
            }
            case "geo.intersects", "st_intersects":
                Functions.arity(name, a, 2);
                return intersects(geometry(a.get(0), name), geometry(a.get(1), name));
            case "st_disjoint":
                Functions.arity(name, a, 2);
                return !intersects(geometry(a.get(0), name), geometry(a.get(1), name));
            case "st_within":
                Functions.arity(name, a, 2);
                return within(geometry(a.get(0), name), geometry(a.get(1), name));
            case "st_contains":
                Functions.arity(name, a, 2);
                return within(geometry(a.get(1), name), geometry(a.get(0), name));
            case "st_equals":
                Functions.arity(name, a, 2);
                return geometry(a.get(0), name).equals(geometry(a.get(1), name));
            default:
                throw new FilterException(
                        name + "() is not supported by this server (supported: geo.distance,"
                                + " geo.length, geo.intersects, st_within, st_contains, st_intersects, st_disjoint, st_equals)");
        }
    }

    private static Geometry geometry(Object v, String name) {
        Geometry g = v instanceof Geometry x ? x : Geometry.ofGeoJson(v);
        if (g == null) {
            throw new FilterException(
                    name + "() needs a geometry (a location or geography'POINT(x y)'), not " + Evaluator.kind(v));
        }
        return g;
    }

    private static double distance(Geometry a, Geometry b, String name) {
        if (a instanceof Geometry.Point p && b instanceof Geometry.Point q) {
            return distance(p, q);
        }
        if (a instanceof Geometry.Point p && b instanceof Geometry.Polygon poly) {
            return inside(p, poly) ? 0 : edgeDistance(p, poly.ring());
        }
        if (b instanceof Geometry.Point p && a instanceof Geometry.Polygon poly) {
            return inside(p, poly) ? 0 : edgeDistance(p, poly.ring());
        }
        if (a instanceof Geometry.Point p && b instanceof Geometry.LineString l) {
            return edgeDistance(p, l.points());
        }
        if (b instanceof Geometry.Point p && a instanceof Geometry.LineString l) {
            return edgeDistance(p, l.points());
        }
        throw new FilterException(name + "() is supported between a point and a point, line string or polygon");
    }

    private static double distance(Geometry.Point p, Geometry.Point q) {
        return Math.hypot(p.x() - q.x(), p.y() - q.y());
    }

    private static double edgeDistance(Geometry.Point p, List<Geometry.Point> line) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 1; i < line.size(); i++) {
            best = Math.min(best, segment(p, line.get(i - 1), line.get(i)));
        }
        return line.size() == 1 ? distance(p, line.get(0)) : best;
    }

    private static double segment(Geometry.Point p, Geometry.Point a, Geometry.Point b) {
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double len = dx * dx + dy * dy;
        double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / len));
        return Math.hypot(p.x() - (a.x() + t * dx), p.y() - (a.y() + t * dy));
    }

    private static boolean within(Geometry inner, Geometry outer) {
        if (outer instanceof Geometry.Polygon poly) {
            if (inner instanceof Geometry.Point p) {
                return inside(p, poly);
            }
            List<Geometry.Point> pts =
                    inner instanceof Geometry.LineString l ? l.points() : ((Geometry.Polygon) inner).ring();
            return pts.stream().allMatch(p -> inside(p, poly));
        }
        return inner.equals(outer);
    }

    private static boolean intersects(Geometry a, Geometry b) {
        if (a instanceof Geometry.Point p && b instanceof Geometry.Point q) {
            return p.equals(q);
        }
        if (a instanceof Geometry.Point p) {
            return distance(p, b, "st_intersects") == 0;
        }
        if (b instanceof Geometry.Point p) {
            return distance(p, a, "st_intersects") == 0;
        }
        if (a instanceof Geometry.Polygon pa && b instanceof Geometry.Polygon pb) {
            return pa.ring().stream().anyMatch(p -> inside(p, pb))
                    || pb.ring().stream().anyMatch(p -> inside(p, pa));
        }
        throw new FilterException("st_intersects() is supported between points and polygons");
    }

    /** Ray casting over the outer ring; a point on an edge counts as inside. */
    static boolean inside(Geometry.Point p, Geometry.Polygon poly) {
        List<Geometry.Point> r = poly.ring();
        if (edgeDistance(p, closed(r)) == 0) {
            return true;
        }
        boolean in = false;
        for (int i = 0, j = r.size() - 1; i < r.size(); j = i++) {
            Geometry.Point a = r.get(i);
            Geometry.Point b = r.get(j);
            if ((a.y() > p.y()) != (b.y() > p.y())
                    && p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x()) {
                in = !in;
            }
        }
        return in;
    }

    private static List<Geometry.Point> closed(List<Geometry.Point> r) {
        if (r.isEmpty() || r.get(0).equals(r.get(r.size() - 1))) {
            return r;
        }
        List<Geometry.Point> c = new java.util.ArrayList<>(r);
        c.add(r.get(0));
        return c;
    }
}
