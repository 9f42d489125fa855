package de.dos2030.iot.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.FleetChange;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.WireNames;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Alert events and gateway health, field by field. They are few per batch, so both codecs write
 * them as plain objects with readable names; only the time style differs (ISO text in JSON,
 * epoch milliseconds in CBOR).
 */
final class EventFields {
    /** How instants and durations are written. */
    enum TimeStyle {
        ISO_TEXT,
        MILLIS
    }

    private final TimeStyle style;

    EventFields(TimeStyle style) {
        this.style = style;
    }

    void writeAlert(JsonGenerator g, AlertEvent a) throws IOException {
        g.writeStartObject();
        g.writeStringField("alertId", a.alertId());
        g.writeStringField("ruleId", a.ruleId());
        g.writeStringField("sensorId", a.sensorId());
        writeEnum(g, "quantity", a.quantity());
        writeEnum(g, "severity", a.severity());
        writeEnum(g, "state", a.state());
        writeOptional(g, "value", a.value());
        writeOptional(g, "limit", a.limit());
        writeInstant(g, "time", a.time());
        g.writeStringField("message", a.message());
        g.writeEndObject();
    }

    AlertEvent readAlert(StructReader r) throws DecodeException {
        r.expectObject();
        String alertId = null, ruleId = null, sensorId = null, message = null;
        de.dos2030.iot.model.Quantity quantity = null;
        Severity severity = null;
        AlertState state = null;
        Double value = null, limit = null;
        Instant time = null;
        while (r.nextField()) {
            String name = r.fieldName();
            r.enter("." + name);
            switch (name) {
                case "alertId" -> alertId = r.optionalString();
                case "ruleId" -> ruleId = r.optionalString();
                case "sensorId" -> sensorId = r.optionalString();
                case "quantity" -> quantity = r.quantity();
                case "severity" -> severity = r.enumValue(Severity.class);
                case "state" -> state = r.enumValue(AlertState.class);
                case "value" -> value = r.optionalDouble();
                case "limit" -> limit = r.optionalDouble();
                case "time" -> time = r.instant();
                case "message" -> message = r.optionalString();
                default -> r.skipValue();
            }
            r.leave();
        }
        return new AlertEvent(alertId, ruleId, sensorId, quantity, severity, state, value, limit, time, message);
    }

    void writeHealth(JsonGenerator g, GatewayHealth h) throws IOException {
        g.writeStartObject();
        g.writeStringField("agentVersion", h.agentVersion());
        g.writeStringField("configVersion", h.configVersion());
        writeDuration(g, "uptime", h.uptime());
        g.writeNumberField("outboxDepth", h.outboxDepth());
        g.writeNumberField("outboxBytes", h.outboxBytes());
        writeDuration(g, "oldestUnsentAge", h.oldestUnsentAge());
        g.writeNumberField("droppedReadings", h.droppedReadings());
        writeInstant(g, "lastAck", h.lastAck());
        writeOptional(g, "cpuTemperature", h.cpuTemperature());
        writeEnum(g, "clockSync", h.clockSync());
        if (h.clockOffset() != null) {
            writeDuration(g, "clockOffset", h.clockOffset());
        }
        if (h.place() != null) {
            g.writeFieldName("place");
            PlaceFields.write(g, h.place());
        }
        if (!h.changes().isEmpty()) {
            g.writeArrayFieldStart("changes");
            for (FleetChange c : h.changes()) {
                g.writeStartObject();
                writeEnum(g, "kind", c.kind());
                g.writeStringField("version", c.version());
                writeEnum(g, "outcome", c.outcome());
                if (c.reason() != null) {
                    g.writeStringField("reason", c.reason());
                }
                writeInstant(g, "at", c.at());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    GatewayHealth readHealth(StructReader r) throws DecodeException {
        r.expectObject();
        String agentVersion = null, configVersion = null;
        Duration uptime = null, oldestUnsentAge = null;
        long outboxDepth = 0, outboxBytes = 0, droppedReadings = 0;
        Instant lastAck = null;
        Double cpuTemperature = null;
        ClockSync clockSync = null;
        Duration clockOffset = null;
        de.dos2030.iot.model.PlaceReport place = null;
        List<FleetChange> changes = List.of();
        while (r.nextField()) {
            String name = r.fieldName();
            r.enter("." + name);
            switch (name) {
                case "agentVersion" -> agentVersion = r.optionalString();
                case "configVersion" -> configVersion = r.optionalString();
                case "uptime" -> uptime = r.duration();
                case "outboxDepth" -> outboxDepth = r.longValue();
                case "outboxBytes" -> outboxBytes = r.longValue();
                case "oldestUnsentAge" -> oldestUnsentAge = r.duration();
                case "droppedReadings" -> droppedReadings = r.longValue();
                case "lastAck" -> lastAck = r.instant();
                case "cpuTemperature" -> cpuTemperature = r.optionalDouble();
                case "clockSync" -> clockSync = r.enumValue(ClockSync.class);
                case "clockOffset" -> clockOffset = r.duration();
                case "place" -> place = r.isNull() ? null : PlaceFields.read(r);
                case "changes" -> changes = readChanges(r);
                default -> r.skipValue();
            }
            r.leave();
        }
        return new GatewayHealth(
                agentVersion,
                configVersion,
                uptime,
                outboxDepth,
                outboxBytes,
                oldestUnsentAge,
                droppedReadings,
                lastAck,
                cpuTemperature,
                clockSync,
                clockOffset,
                place,
                changes);
    }

    private List<FleetChange> readChanges(StructReader r) throws DecodeException {
        r.expectArray();
        List<FleetChange> changes = new ArrayList<>();
        while (r.nextElement()) {
            r.enter("[" + changes.size() + "]");
            r.expectObject();
            FleetChange.Kind kind = null;
            FleetChange.Outcome outcome = null;
            String version = null, reason = null;
            Instant at = null;
            while (r.nextField()) {
                String field = r.fieldName();
                r.enter("." + field);
                switch (field) {
                    case "kind" -> kind = r.enumValue(FleetChange.Kind.class);
                    case "version" -> version = r.optionalString();
                    case "outcome" -> outcome = r.enumValue(FleetChange.Outcome.class);
                    case "reason" -> reason = r.optionalString();
                    case "at" -> at = r.instant();
                    default -> r.skipValue();
                }
                r.leave();
            }
            changes.add(new FleetChange(kind, version, outcome, reason, at));
            r.leave();
        }
        return changes;
    }

    void writeInstant(JsonGenerator g, String field, Instant time) throws IOException {
        if (time == null) {
            g.writeNullField(field);
        } else if (style == TimeStyle.MILLIS) {
            g.writeNumberField(field, time.toEpochMilli());
        } else {
            g.writeStringField(field, time.toString());
        }
    }

    private void writeDuration(JsonGenerator g, String field, Duration d) throws IOException {
        if (d == null) {
            g.writeNullField(field);
        } else if (style == TimeStyle.MILLIS) {
            g.writeNumberField(field, d.toMillis());
        } else {
            g.writeStringField(field, d.toString());
        }
    }

    static void writeEnum(JsonGenerator g, String field, Enum<?> value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, WireNames.of(value));
        }
    }

    /** Doubles, with NaN and infinities as the strings JSON needs (the Validator names them). */
    static void writeDouble(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeString(Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void writeOptional(JsonGenerator g, String field, Double v) throws IOException {
        g.writeFieldName(field);
        if (v == null) {
            g.writeNull();
        } else {
            writeDouble(g, v);
        }
    }
}
