package de.dos2030.iot.collector.sta.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The planar geometries {@code $filter} compares: a point, a line string or a polygon (outer ring
 * only), in the coordinates of their WKT or GeoJSON (longitude, latitude). Distances are in those
 * units (degrees), as the standard's {@code geo.distance} is for WGS84 data.
 */
public sealed interface Geometry {
    record Point(double x, double y) implements Geometry {}

    record LineString(List<Point> points) implements Geometry {}

    /** The outer ring; the first point repeated at the end or not. */
    record Polygon(List<Point> ring) implements Geometry {}

    /** The geometry of a GeoJSON object ({@code {"type":"Point","coordinates":[7.38,51.49]}}), or null. */
    static Geometry ofGeoJson(Object value) {
        if (!(value instanceof Map<?, ?> m) || !(m.get("coordinates") instanceof List<?> c)) {
            return null;
        }
        Object type = m.get("type");
        if ("Point".equals(type)) {
            return point(c);
        }
        if ("LineString".equals(type)) {
            return new LineString(points(c));
        }
        if ("Polygon".equals(type) && !c.isEmpty() && c.get(0) instanceof List<?> ring) {
            return new Polygon(points(ring));
        }
        return null;
    }

    private static Point point(List<?> c) {
        if (c.size() < 2 || !(c.get(0) instanceof Number x) || !(c.get(1) instanceof Number y)) {
            return null;
        }
        return new Point(x.doubleValue(), y.doubleValue());
    }

    private static List<Point> points(List<?> c) {
        List<Point> out = new ArrayList<>();
        for (Object o : c) {
            if (o instanceof List<?> p && point(p) != null) {
                out.add(point(p));
            }
        }
        return out;
    }

    /**
     * A WKT literal of {@code geography'...'}: {@code POINT(x y)}, {@code LINESTRING(x y, ...)},
     * {@code POLYGON((x y, ...))}.
     *
     * @throws FilterException naming the literal when it is none of these
     */
    static Geometry ofWkt(String wkt) {
        String t = wkt.trim().toUpperCase(Locale.ROOT);
        try {
            if (t.startsWith("POINT")) {
                List<Point> p = parsePoints(inner(t, "POINT", 1));
                if (p.size() == 1) {
                    return p.get(0);
                }
            } else if (t.startsWith("LINESTRING")) {
                return new LineString(parsePoints(inner(t, "LINESTRING", 1)));
            } else if (t.startsWith("POLYGON")) {
                String body = inner(t, "POLYGON", 2);
                List<Point> ring = parsePoints(body);
                if (ring.size() >= 3) {
                    return new Polygon(ring);
                }
            }
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            // fall through to the message below
        }
        throw new FilterException("geography literal '" + shown(wkt)
                + "' is not a POINT(x y), LINESTRING(x y, ...) or POLYGON((x y, ...)) in WKT");
    }

    private static String inner(String t, String keyword, int parens) {
        String rest = t.substring(keyword.length()).trim();
        for (int i = 0; i < parens; i++) {
            if (!rest.startsWith("(") || !rest.endsWith(")")) {
                throw new IndexOutOfBoundsException();
            }
            rest = rest.substring(1, rest.length() - 1).trim();
        }
        if (rest.contains("(") || rest.contains(")")) {
            throw new IndexOutOfBoundsException(); // holes and multi-geometries are not read
        }
        return rest;
    }

    private static List<Point> parsePoints(String body) {
        List<Point> out = new ArrayList<>();
        for (String pair : body.split(",")) {
            String[] xy = pair.trim().split("\\s+");
            if (xy.length != 2) {
                throw new NumberFormatException();
            }
            out.add(new Point(Double.parseDouble(xy[0]), Double.parseDouble(xy[1])));
        }
        return out;
    }

    private static String shown(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
