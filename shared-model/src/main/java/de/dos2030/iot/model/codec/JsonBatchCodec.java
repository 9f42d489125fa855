package de.dos2030.iot.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The readable encoding: one JSON object per batch, one object per reading, ISO-8601 times,
 * lower-case enum names. Used over HTTP and for debugging; see the module README for an example.
 */
public final class JsonBatchCodec implements BatchCodec {
    static final JsonBatchCodec INSTANCE = new JsonBatchCodec();
    private static final EventFields EVENTS = new EventFields(EventFields.TimeStyle.ISO_TEXT);

    private JsonBatchCodec() {
    }

    @Override
    public byte[] encode(Batch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + batch.readings().size() * 120);
        try (JsonGenerator g = JacksonFactories.JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("formatVersion", batch.formatVersion());
            g.writeStringField("gatewayId", batch.gatewayId());
            g.writeStringField("siteId", batch.siteId());
            g.writeStringField("bootId", batch.bootId());
            g.writeNumberField("sequence", batch.sequence());
            EVENTS.writeInstant(g, "createdAt", batch.createdAt());
            EventFields.writeEnum(g, "clockSync", batch.clockSync());
            g.writeArrayFieldStart("readings");
            for (Reading r : batch.readings()) {
                g.writeStartObject();
                g.writeStringField("sensorId", r.sensorId());
                EventFields.writeEnum(g, "quantity", r.quantity());
                EventFields.writeEnum(g, "statistic", r.statistic());
                EVENTS.writeInstant(g, "time", r.time());
                g.writeFieldName("value");
                EventFields.writeDouble(g, r.value());
                EventFields.writeEnum(g, "quality", r.quality());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("alerts");
            for (AlertEvent a : batch.alerts()) {
                EVENTS.writeAlert(g, a);
            }
            g.writeEndArray();
            if (batch.health() != null) {
                g.writeFieldName("health");
                EVENTS.writeHealth(g, batch.health());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    @Override
    public Batch decode(byte[] bytes) throws DecodeException {
        if (bytes.length > DecodeLimits.MAX_PAYLOAD_BYTES) {
            throw new DecodeException("", "payload is " + bytes.length + " bytes, at most "
                    + DecodeLimits.MAX_PAYLOAD_BYTES + " allowed");
        }
        try (JsonParser parser = JacksonFactories.JSON.createParser(bytes)) {
            StructReader r = new StructReader(parser);
            r.beginDocument();
            Integer formatVersion = null;
            Long sequence = null;
            String gatewayId = null, siteId = null, bootId = null;
            Instant createdAt = null;
            ClockSync clockSync = null;
            List<Reading> readings = List.of();
            List<AlertEvent> alerts = List.of();
            de.dos2030.iot.model.GatewayHealth health = null;
            while (r.nextField()) {
                String name = r.fieldName();
                r.enter("." + name);
                switch (name) {
                    case "formatVersion" -> formatVersion = r.intValue();
                    case "gatewayId" -> gatewayId = r.isNull() ? null : r.string();
                    case "siteId" -> siteId = r.isNull() ? null : r.string();
                    case "bootId" -> bootId = r.isNull() ? null : r.string();
                    case "sequence" -> sequence = r.longValue();
                    case "createdAt" -> createdAt = r.instant();
                    case "clockSync" -> clockSync = r.enumValue(ClockSync.class);
                    case "readings" -> readings = readReadings(r);
                    case "alerts" -> alerts = readAlerts(r);
                    case "health" -> health = r.isNull() ? null : EVENTS.readHealth(r);
                    default -> r.skipValue();
                }
                r.leave();
            }
            r.endDocument();
            if (formatVersion == null) {
                throw new DecodeException("formatVersion", "is missing");
            }
            if (sequence == null) {
                throw new DecodeException("sequence", "is missing");
            }
            return new Batch(formatVersion, gatewayId, siteId, bootId, sequence, createdAt, clockSync,
                    readings, alerts, health);
        } catch (IOException e) {
            throw new DecodeException("", "unreadable input: " + e.getMessage());
        }
    }

    private static List<Reading> readReadings(StructReader r) throws DecodeException {
        r.expectArray();
        List<Reading> readings = new ArrayList<>();
        while (r.nextElement()) {
            if (readings.size() == DecodeLimits.MAX_READINGS) {
                throw r.fail("more than " + DecodeLimits.MAX_READINGS + " readings");
            }
            r.enter("[" + readings.size() + "]");
            readings.add(readReading(r));
            r.leave();
        }
        return readings;
    }

    private static Reading readReading(StructReader r) throws DecodeException {
        r.expectObject();
        String sensorId = null;
        Quantity quantity = null;
        Statistic statistic = Statistic.SAMPLE;
        Instant time = null;
        Double value = null;
        Quality quality = Quality.OK;
        while (r.nextField()) {
            String name = r.fieldName();
            r.enter("." + name);
            switch (name) {
                case "sensorId" -> sensorId = r.isNull() ? null : r.string();
                case "quantity" -> quantity = r.quantity();
                case "statistic" -> statistic = r.enumValue(Statistic.class);
                case "time" -> time = r.instant();
                case "value" -> value = r.doubleValue();
                case "quality" -> quality = r.enumValue(Quality.class);
                default -> r.skipValue();
            }
            r.leave();
        }
        if (value == null) {
            r.enter(".value");
            throw r.fail("is missing");
        }
        return new Reading(sensorId, quantity, statistic, time, value, quality);
    }

    private static List<AlertEvent> readAlerts(StructReader r) throws DecodeException {
        r.expectArray();
        List<AlertEvent> alerts = new ArrayList<>();
        while (r.nextElement()) {
            if (alerts.size() == DecodeLimits.MAX_ALERTS) {
                throw r.fail("more than " + DecodeLimits.MAX_ALERTS + " alerts");
            }
            r.enter("[" + alerts.size() + "]");
            alerts.add(EVENTS.readAlert(r));
            r.leave();
        }
        return alerts;
    }

    @Override
    public String mediaType() {
        return "application/json";
    }

    @Override
    public int coapContentFormat() {
        return 50;
    }
}
