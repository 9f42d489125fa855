package de.dos2030.iot.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.RawCapture;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Raw captures, field by field, with readable names in both codecs. The values are what makes a
 * capture big, so they differ: JSON writes a number array ({@code null} for an unusable sample);
 * CBOR writes one byte string of little-endian IEEE 754 floats, 4 bytes a sample, which is also
 * the collector's storage layout. Either form is accepted on decode.
 */
final class CaptureFields {
    private final EventFields events;
    private final boolean binaryValues;

    CaptureFields(EventFields events, boolean binaryValues) {
        this.events = events;
        this.binaryValues = binaryValues;
    }

    void write(JsonGenerator g, RawCapture c) throws IOException {
        g.writeStartObject();
        g.writeStringField("alertId", c.alertId());
        g.writeStringField("sensorId", c.sensorId());
        EventFields.writeEnum(g, "quantity", c.quantity());
        events.writeInstant(g, "firstSampleTime", c.firstSampleTime());
        g.writeFieldName("sampleRateHz");
        EventFields.writeDouble(g, c.sampleRateHz());
        events.writeInstant(g, "triggerTime", c.triggerTime());
        g.writeFieldName("values");
        if (binaryValues) {
            g.writeBinary(FloatBytes.encode(c.values()));
        } else {
            g.writeStartArray();
            for (int i = 0; i < c.size(); i++) {
                float v = c.value(i);
                if (Float.isNaN(v)) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    RawCapture read(StructReader r) throws DecodeException {
        r.expectObject();
        String alertId = null, sensorId = null;
        Quantity quantity = null;
        Instant first = null, trigger = null;
        double rate = Double.NaN;
        float[] values = null;
        while (r.nextField()) {
            String name = r.fieldName();
            r.enter("." + name);
            switch (name) {
                case "alertId" -> alertId = r.optionalString();
                case "sensorId" -> sensorId = r.optionalString();
                case "quantity" -> quantity = r.quantity();
                case "firstSampleTime" -> first = r.instant();
                case "sampleRateHz" -> rate = r.doubleValue();
                case "triggerTime" -> trigger = r.instant();
                case "values" -> values = readValues(r);
                default -> r.skipValue();
            }
            r.leave();
        }
        if (values == null) {
            r.enter(".values");
            throw r.fail("is missing");
        }
        return new RawCapture(alertId, sensorId, quantity, first, rate, trigger, values);
    }

    private static float[] readValues(StructReader r) throws DecodeException {
        if (r.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT) {
            byte[] bytes = r.binary();
            if (bytes.length % Float.BYTES != 0) {
                throw r.fail("byte string of " + bytes.length + " bytes is not a whole number of 4-byte floats");
            }
            if (bytes.length / Float.BYTES > DecodeLimits.MAX_CAPTURE_VALUES) {
                throw r.fail("more than " + DecodeLimits.MAX_CAPTURE_VALUES + " values");
            }
            return FloatBytes.decode(bytes);
        }
        r.expectArray();
        float[] out = new float[256];
        int n = 0;
        while (r.nextElement()) {
            if (n == DecodeLimits.MAX_CAPTURE_VALUES) {
                throw r.fail("more than " + DecodeLimits.MAX_CAPTURE_VALUES + " values");
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, Math.min(out.length * 2, DecodeLimits.MAX_CAPTURE_VALUES));
            }
            r.enter("[" + n + "]");
            out[n++] = r.isNull() ? Float.NaN : (float) r.doubleValue();
            r.leave();
        }
        return Arrays.copyOf(out, n);
    }
}
