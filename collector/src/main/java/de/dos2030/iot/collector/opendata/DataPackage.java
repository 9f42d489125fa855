package de.dos2030.iot.collector.opendata;

import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.WireNames;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Frictionless data package of an export ({@code datapackage.json}, profile
 * {@code tabular-data-package}): the CSV as a resource with its dialect and Table Schema (each field's
 * type and unit), the licence, the publisher, the source (the location's SensorThings Thing) and how the
 * numbers came about (window, aggregate, public-tier delay). The sensors' model and calibration are
 * written as {@code null}: gateways do not report them to the collector yet. The same export always
 * gives the same bytes: nothing in it depends on the time of the request.
 */
final class DataPackage {
    private DataPackage() {}

    /**
     * @param csvPath where the CSV is: its name inside a zip, its address otherwise
     */
    static byte[] of(Export e, OpenPublication pub, String csvPath, JsonMapper json) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("profile", "tabular-data-package");
        p.put(
                "name",
                (e.site().id() + "-" + e.location().id() + "-" + e.file().label() + "-" + e.windowLabel())
                        .toLowerCase(java.util.Locale.ROOT));
        String place = (e.site().name() == null ? e.site().id() : e.site().name()) + ", "
                + (e.location().name() == null
                        ? e.location().id()
                        : e.location().name());
        p.put("title", "Messwerte " + place + ", " + e.file().label());
        p.put(
                "description",
                "Measurements of " + place + " (" + e.site().kind() + " '"
                        + e.site().id()
                        + "', location '" + e.location().id() + "') from " + e.from() + " to " + e.to() + " (UTC), "
                        + (e.window() == null
                                ? "every sample"
                                : "mean of valid readings per " + e.windowLabel() + " window")
                        + ".");
        p.put(
                "licenses",
                List.of(ordered("name", pub.licenceId(), "path", pub.licenceUrl(), "title", pub.licenceTitle())));
        p.put(
                "contributors",
                List.of(ordered(
                        "title",
                        pub.publisherName(),
                        "path",
                        pub.publisherUrl(),
                        "email",
                        pub.contactEmail(),
                        "role",
                        "publisher")));
        p.put(
                "sources",
                List.of(
                        ordered(
                                "title",
                                "SensorThings API Thing '" + e.site().id() + ":"
                                        + e.location().id() + "'",
                                "path",
                                e.thingUrl()),
                        ordered("title", "SensorThings API", "path", e.base() + "/sta/v1.1")));
        p.put("keywords", List.of(e.site().kind(), "sensor", "open data"));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "measurements");
        r.put("path", csvPath);
        r.put("profile", "tabular-data-resource");
        r.put("format", "csv");
        r.put("mediatype", "text/csv");
        r.put("encoding", e.dialect().bom() ? "utf-8-sig" : "utf-8");
        r.put(
                "dialect",
                ordered(
                        "delimiter",
                        String.valueOf(e.dialect().delimiter()),
                        "lineTerminator",
                        "\r\n",
                        "quoteChar",
                        "\"",
                        "doubleQuote",
                        true,
                        "header",
                        true));
        r.put("schema", schema(e));
        p.put("resources", List.of(r));
        p.put("provenance", provenance(e));
        try {
            return json.writeValueAsBytes(p);
        } catch (IOException ex) {
            throw new UncheckedIOException("writing a data package failed", ex);
        }
    }

    private static Map<String, Object> schema(Export e) {
        List<Object> fields = new ArrayList<>();
        fields.add(ordered(
                "name",
                "time_local",
                "type",
                "datetime",
                "format",
                "%Y-%m-%d %H:%M:%S",
                "description",
                "start of the sample or window, wall clock of " + e.zone().getId()));
        fields.add(ordered(
                "name",
                "time_utc",
                "type",
                "datetime",
                "description",
                "the same instant in UTC (ISO 8601), unambiguous in the doubled hour of autumn"));
        List<String> qualities = new ArrayList<>();
        for (Quality q : Quality.values()) {
            qualities.add(WireNames.of(q));
        }
        for (ExportColumn c : e.columns()) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("name", c.valueHeader());
            value.put("type", "number");
            value.put("unit", c.quantity().unit());
            if (e.dialect().decimal() != '.') {
                value.put("decimalChar", String.valueOf(e.dialect().decimal()));
            }
            value.put(
                    "description",
                    c.quantity().wireName() + " in " + c.quantity().unit() + " of sensor '"
                            + c.sensor() + "' (gateway '" + c.gateway() + "')"
                            + (e.window() == null ? "" : ", mean of its valid readings in the window"));
            fields.add(value);
            fields.add(ordered(
                    "name",
                    c.qualityHeader(),
                    "type",
                    "string",
                    "description",
                    "quality of the reading" + (e.window() == null ? "" : "s: ok (only valid ones are averaged)"),
                    "constraints",
                    ordered("enum", qualities)));
        }
        return ordered("fields", fields, "primaryKey", List.of("time_utc"));
    }

    private static Map<String, Object> provenance(Export e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("site", e.site().id());
        out.put("location", e.location().id());
        out.put("from", e.from().toString());
        out.put("to", e.to().toString());
        out.put("timeZone", e.zone().getId());
        out.put("window", e.windowLabel());
        out.put("aggregate", e.window() == null ? "none" : "mean");
        out.put("complete", e.closed());
        List<Object> sensors = new ArrayList<>();
        for (ExportColumn c : e.columns()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("gateway", c.gateway());
            s.put("sensor", c.sensor());
            s.put("quantity", c.quantity().wireName());
            s.put("model", null);
            s.put("calibration", null);
            sensors.add(s);
        }
        out.put("sensors", sensors);
        out.put(
                "method",
                "readings as the gateways reported them, stored by the DOS IoT collector"
                        + (e.window() == null ? "" : "; windows computed from its rollup tiers or the raw readings"));
        if (e.anonymous()) {
            out.put("publicTier", "public view: published with a delay, in windows of at least " + e.windowLabel());
        }
        return out;
    }

    /**
     * A map that keeps the order its pairs are given in. {@code Map.of} iterates in an order that
     * changes from one JVM start to the next, and a data package must be the same bytes every time.
     */
    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
