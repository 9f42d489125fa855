package de.dos2030.iot.model.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.RawCapture;
import de.dos2030.iot.model.Reading;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What both codecs share: the batch's own fields, its alerts and health, the size check and the
 * error handling. A codec chooses the field names, the time style and how readings are laid out.
 */
abstract class EnvelopeCodec implements BatchCodec {

    /** The names of the batch's fields in one encoding. */
    record FieldNames(
            String formatVersion,
            String gatewayId,
            String siteId,
            String bootId,
            String sequence,
            String createdAt,
            String clockSync,
            String readings,
            String alerts,
            String health,
            String captures) {}

    private final JsonFactory factory;
    private final FieldNames names;
    final EventFields events;
    private final CaptureFields captures;

    EnvelopeCodec(JsonFactory factory, FieldNames names, EventFields.TimeStyle timeStyle) {
        this.factory = factory;
        this.names = names;
        this.events = new EventFields(timeStyle);
        this.captures = new CaptureFields(events, timeStyle == EventFields.TimeStyle.MILLIS);
    }

    /** Writes the readings as the value of the readings field. */
    abstract void writeReadings(JsonGenerator g, List<Reading> readings) throws IOException;

    /** Reads the value of the readings field, appending to {@code into}. */
    abstract void readReadings(StructReader r, List<Reading> into) throws DecodeException;

    /** Bytes a reading takes, roughly: sizes the output buffer once. */
    abstract int bytesPerReading();

    @Override
    public final byte[] encode(Batch batch) {
        int captureValues = batch.captures().stream().mapToInt(RawCapture::size).sum();
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                256 + batch.readings().size() * bytesPerReading() + captureValues * Float.BYTES);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField(names.formatVersion(), batch.formatVersion());
            g.writeStringField(names.gatewayId(), batch.gatewayId());
            g.writeStringField(names.siteId(), batch.siteId());
            g.writeStringField(names.bootId(), batch.bootId());
            g.writeNumberField(names.sequence(), batch.sequence());
            events.writeInstant(g, names.createdAt(), batch.createdAt());
            EventFields.writeEnum(g, names.clockSync(), batch.clockSync());
            g.writeFieldName(names.readings());
            writeReadings(g, batch.readings());
            g.writeArrayFieldStart(names.alerts());
            for (AlertEvent a : batch.alerts()) {
                events.writeAlert(g, a);
            }
            g.writeEndArray();
            if (batch.health() != null) {
                g.writeFieldName(names.health());
                events.writeHealth(g, batch.health());
            }
            if (!batch.captures().isEmpty()) { // absent when empty: batches without captures encode as before
                g.writeArrayFieldStart(names.captures());
                for (RawCapture c : batch.captures()) {
                    captures.write(g, c);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    @Override
    public final Batch decode(byte[] bytes) throws DecodeException {
        if (bytes.length > DecodeLimits.MAX_PAYLOAD_BYTES) {
            throw new DecodeException(
                    "",
                    "payload is " + bytes.length + " bytes, at most " + DecodeLimits.MAX_PAYLOAD_BYTES + " allowed");
        }
        try (JsonParser parser = factory.createParser(bytes)) {
            StructReader r = new StructReader(parser);
            r.beginDocument();
            Integer formatVersion = null;
            Long sequence = null;
            String gatewayId = null, siteId = null, bootId = null;
            Instant createdAt = null;
            ClockSync clockSync = null;
            List<Reading> readings = new ArrayList<>();
            List<AlertEvent> alerts = new ArrayList<>();
            GatewayHealth health = null;
            List<RawCapture> rawCaptures = new ArrayList<>();
            while (r.nextField()) {
                String name = r.fieldName();
                r.enter("." + name);
                if (name.equals(names.formatVersion())) {
                    formatVersion = r.intValue();
                } else if (name.equals(names.gatewayId())) {
                    gatewayId = r.optionalString();
                } else if (name.equals(names.siteId())) {
                    siteId = r.optionalString();
                } else if (name.equals(names.bootId())) {
                    bootId = r.optionalString();
                } else if (name.equals(names.sequence())) {
                    sequence = r.longValue();
                } else if (name.equals(names.createdAt())) {
                    createdAt = r.instant();
                } else if (name.equals(names.clockSync())) {
                    clockSync = r.enumValue(ClockSync.class);
                } else if (name.equals(names.readings())) {
                    readReadings(r, readings);
                } else if (name.equals(names.alerts())) {
                    readAlerts(r, alerts);
                } else if (name.equals(names.health())) {
                    health = r.isNull() ? null : events.readHealth(r);
                } else if (name.equals(names.captures())) {
                    readCaptures(r, rawCaptures);
                } else {
                    r.skipValue(); // a newer sender's field: tolerated
                }
                r.leave();
            }
            r.endDocument();
            if (formatVersion == null) {
                throw new DecodeException(names.formatVersion(), "is missing");
            }
            if (sequence == null) {
                throw new DecodeException(names.sequence(), "is missing");
            }
            return new Batch(
                    formatVersion,
                    gatewayId,
                    siteId,
                    bootId,
                    sequence,
                    createdAt,
                    clockSync,
                    readings,
                    alerts,
                    health,
                    rawCaptures);
        } catch (IOException e) {
            throw new DecodeException("", "unreadable input: " + e.getMessage());
        }
    }

    private void readCaptures(StructReader r, List<RawCapture> into) throws DecodeException {
        r.expectArray();
        while (r.nextElement()) {
            if (into.size() == DecodeLimits.MAX_CAPTURES) {
                throw r.fail("more than " + DecodeLimits.MAX_CAPTURES + " captures");
            }
            r.enter("[" + into.size() + "]");
            into.add(captures.read(r));
            r.leave();
        }
    }

    private void readAlerts(StructReader r, List<AlertEvent> alerts) throws DecodeException {
        r.expectArray();
        while (r.nextElement()) {
            if (alerts.size() == DecodeLimits.MAX_ALERTS) {
                throw r.fail("more than " + DecodeLimits.MAX_ALERTS + " alerts");
            }
            r.enter("[" + alerts.size() + "]");
            alerts.add(events.readAlert(r));
            r.leave();
        }
    }
}
