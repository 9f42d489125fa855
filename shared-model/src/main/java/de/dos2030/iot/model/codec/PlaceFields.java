package de.dos2030.iot.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The place description inside a health report, the same object in both codecs (readable names;
 * absent values are left out rather than written as null, which keeps the CBOR form short):
 * <pre>
 * {"siteKind":"school","name":"Grundschule Kley","address":"Kleyer Weg 1, 44149 Dortmund",
 *  "lat":51.4957,"lon":7.3855,"timeZone":"Europe/Berlin",
 *  "locations":[{"id":"r204","kind":"room","name":"Klasse 4b","floor":2,"number":"R204"}],
 *  "sensors":{"r204-air":"r204"},
 *  "limits":[{"sensor":"r204-air","quantity":"co2","warningAbove":1000,"criticalAbove":2000}]}
 * </pre>
 * Sensors are written in id order, so one place always encodes to the same bytes.
 */
final class PlaceFields {

    private PlaceFields() {}

    static void write(JsonGenerator g, PlaceReport p) throws IOException {
        g.writeStartObject();
        EventFields.writeEnum(g, "siteKind", p.siteKind());
        text(g, "name", p.name());
        text(g, "address", p.address());
        number(g, "lat", p.lat());
        number(g, "lon", p.lon());
        text(g, "timeZone", p.timeZone());
        g.writeArrayFieldStart("locations");
        for (PlaceReport.Location l : p.locations()) {
            g.writeStartObject();
            text(g, "id", l.id());
            EventFields.writeEnum(g, "kind", l.kind());
            text(g, "name", l.name());
            if (l.floor() != null) {
                g.writeNumberField("floor", l.floor());
            }
            text(g, "number", l.number());
            number(g, "at", l.at());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("sensors");
        for (Map.Entry<String, String> e : new TreeMap<>(p.sensors()).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        if (!p.limits().isEmpty()) {
            g.writeArrayFieldStart("limits");
            for (PlaceReport.Limit l : p.limits()) {
                g.writeStartObject();
                text(g, "sensor", l.sensorId());
                EventFields.writeEnum(g, "quantity", l.quantity());
                number(g, "warningAbove", l.warningAbove());
                number(g, "criticalAbove", l.criticalAbove());
                number(g, "warningBelow", l.warningBelow());
                number(g, "criticalBelow", l.criticalBelow());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    static PlaceReport read(StructReader r) throws DecodeException {
        r.expectObject();
        SiteKind kind = null;
        String name = null, address = null, zone = null;
        Double lat = null, lon = null;
        List<PlaceReport.Location> locations = new ArrayList<>();
        Map<String, String> sensors = new LinkedHashMap<>();
        List<PlaceReport.Limit> limits = new ArrayList<>();
        while (r.nextField()) {
            String field = r.fieldName();
            r.enter("." + field);
            switch (field) {
                case "siteKind" -> kind = r.enumValue(SiteKind.class);
                case "name" -> name = r.optionalString();
                case "address" -> address = r.optionalString();
                case "lat" -> lat = r.optionalDouble();
                case "lon" -> lon = r.optionalDouble();
                case "timeZone" -> zone = r.optionalString();
                case "locations" -> readLocations(r, locations);
                case "sensors" -> readSensors(r, sensors);
                case "limits" -> readLimits(r, limits);
                default -> r.skipValue();
            }
            r.leave();
        }
        return new PlaceReport(kind, name, address, lat, lon, zone, locations, sensors, limits);
    }

    private static void readLocations(StructReader r, List<PlaceReport.Location> into) throws DecodeException {
        r.expectArray();
        while (r.nextElement()) {
            r.enter("[" + into.size() + "]");
            r.expectObject();
            String id = null, name = null, number = null;
            LocationKind kind = null;
            Integer floor = null;
            Double at = null;
            while (r.nextField()) {
                String field = r.fieldName();
                r.enter("." + field);
                switch (field) {
                    case "id" -> id = r.optionalString();
                    case "kind" -> kind = r.enumValue(LocationKind.class);
                    case "name" -> name = r.optionalString();
                    case "floor" -> floor = r.isNull() ? null : r.intValue();
                    case "number" -> number = r.optionalString();
                    case "at" -> at = r.optionalDouble();
                    default -> r.skipValue();
                }
                r.leave();
            }
            into.add(new PlaceReport.Location(id, kind, name, floor, number, at));
            r.leave();
        }
    }

    private static void readLimits(StructReader r, List<PlaceReport.Limit> into) throws DecodeException {
        r.expectArray();
        while (r.nextElement()) {
            r.enter("[" + into.size() + "]");
            r.expectObject();
            String sensor = null;
            Quantity quantity = null;
            Double warningAbove = null, criticalAbove = null, warningBelow = null, criticalBelow = null;
            while (r.nextField()) {
                String field = r.fieldName();
                r.enter("." + field);
                switch (field) {
                    case "sensor" -> sensor = r.optionalString();
                    case "quantity" -> quantity = r.quantity();
                    case "warningAbove" -> warningAbove = r.optionalDouble();
                    case "criticalAbove" -> criticalAbove = r.optionalDouble();
                    case "warningBelow" -> warningBelow = r.optionalDouble();
                    case "criticalBelow" -> criticalBelow = r.optionalDouble();
                    default -> r.skipValue();
                }
                r.leave();
            }
            into.add(new PlaceReport.Limit(sensor, quantity, warningAbove, criticalAbove, warningBelow, criticalBelow));
            r.leave();
        }
    }

    private static void readSensors(StructReader r, Map<String, String> into) throws DecodeException {
        r.expectObject();
        while (r.nextField()) {
            String sensor = r.fieldName();
            r.enter("." + sensor);
            into.put(sensor, r.string());
            r.leave();
        }
    }

    private static void text(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void number(JsonGenerator g, String field, Double value) throws IOException {
        if (value != null) {
            g.writeFieldName(field);
            EventFields.writeDouble(g, value);
        }
    }
}
