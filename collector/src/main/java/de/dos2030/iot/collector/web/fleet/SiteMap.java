package de.dos2030.iot.collector.web.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fleet page's map of sites, drawn as SVG from the registry's coordinates (no tile server is
 * reachable offline): an equirectangular projection of the sites' bounding box, corrected by the
 * cosine of the middle latitude so that distances look right at Dortmund's latitude. Built from a
 * plain list of {@link Marker}s, so that the places registry (issue 16) can feed it once sites have
 * positions; until then the list is empty and the page shows the table only.
 */
public final class SiteMap {
    /** Drawing size in SVG user units; the SVG scales to its container. */
    static final double WIDTH = 600;

    static final double PADDING = 30;
    /** The smallest area drawn, in degrees: about a kilometre. */
    static final double MIN_SPAN_DEGREES = 0.01;

    /** A site to draw: where it is, the worst state of its gateways and the page it links to. */
    public record Marker(String siteId, String name, double lat, double lon, GatewayState state, String page) {
        public Marker {
            if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
                throw new IllegalArgumentException("site '" + siteId + "': position " + lat + ", " + lon
                        + " is not WGS84 (latitude -90..90, longitude -180..180)");
            }
        }
    }

    /** A marker placed on the drawing; its label reads to the right, or left of it in the drawing's right half. */
    public record Placed(Marker marker, String x, String y) {
        public boolean labelLeft() {
            return Double.parseDouble(x) > WIDTH / 2;
        }
    }

    private final List<Placed> placed;
    private final String height;

    private SiteMap(List<Placed> placed, double height) {
        this.placed = placed;
        this.height = format(height);
    }

    /** Places every marker; an empty list gives an empty map ({@link #isEmpty}). */
    public static SiteMap of(List<Marker> markers) {
        if (markers.isEmpty()) {
            return new SiteMap(List.of(), 0);
        }
        double minLat = markers.stream().mapToDouble(Marker::lat).min().orElseThrow();
        double maxLat = markers.stream().mapToDouble(Marker::lat).max().orElseThrow();
        double minLon = markers.stream().mapToDouble(Marker::lon).min().orElseThrow();
        double maxLon = markers.stream().mapToDouble(Marker::lon).max().orElseThrow();
        double cos = Math.cos(Math.toRadians((minLat + maxLat) / 2));
        double midLat = (minLat + maxLat) / 2;
        double midLon = (minLon + maxLon) / 2;
        double spanX = (maxLon - minLon) * cos;
        double spanY = maxLat - minLat;
        // at least a kilometre or so across, so that one site (or sites at one place) sits in the middle
        double span = Math.max(Math.max(spanX, spanY), MIN_SPAN_DEGREES);
        double inner = WIDTH - 2 * PADDING;
        double scale = inner / span;
        double innerHeight = Math.max(spanY, MIN_SPAN_DEGREES) * scale;
        List<Placed> out = new ArrayList<>();
        for (Marker m : markers) {
            double x = PADDING + inner / 2 + (m.lon() - midLon) * cos * scale;
            double y = PADDING + innerHeight / 2 - (m.lat() - midLat) * scale;
            out.add(new Placed(m, format(x), format(y)));
        }
        double height = innerHeight + 2 * PADDING;
        return new SiteMap(out, height);
    }

    public boolean isEmpty() {
        return placed.isEmpty();
    }

    public List<Placed> placed() {
        return placed;
    }

    public String width() {
        return format(WIDTH);
    }

    public String height() {
        return height;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
