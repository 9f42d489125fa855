package de.dos2030.iot.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The readable encoding: one JSON object per batch, one object per reading, ISO-8601 times,
 * lower-case enum names. Used over HTTP and for debugging; see the module README for an example.
 */
public final class JsonBatchCodec extends EnvelopeCodec {
    static final JsonBatchCodec INSTANCE = new JsonBatchCodec();

    private JsonBatchCodec() {
        super(
                JacksonFactories.JSON,
                new FieldNames(
                        "formatVersion",
                        "gatewayId",
                        "siteId",
                        "bootId",
                        "sequence",
                        "createdAt",
                        "clockSync",
                        "readings",
                        "alerts",
                        "health",
                        "captures"),
                EventFields.TimeStyle.ISO_TEXT);
    }

    @Override
    void writeReadings(JsonGenerator g, List<Reading> readings) throws IOException {
        g.writeStartArray();
        for (Reading r : readings) {
            g.writeStartObject();
            g.writeStringField("sensorId", r.sensorId());
            EventFields.writeEnum(g, "quantity", r.quantity());
            EventFields.writeEnum(g, "statistic", r.statistic());
            events.writeInstant(g, "time", r.time());
            g.writeFieldName("value");
            EventFields.writeDouble(g, r.value());
            EventFields.writeEnum(g, "quality", r.quality());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    @Override
    void readReadings(StructReader r, List<Reading> into) throws DecodeException {
        r.expectArray();
        while (r.nextElement()) {
            if (into.size() == DecodeLimits.MAX_READINGS) {
                throw r.fail("more than " + DecodeLimits.MAX_READINGS + " readings");
            }
            r.enter("[" + into.size() + "]");
            into.add(readReading(r));
            r.leave();
        }
    }

    @Override
    int bytesPerReading() {
        return 140;
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
                case "sensorId" -> sensorId = r.optionalString();
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

    @Override
    public String mediaType() {
        return "application/json";
    }

    @Override
    public int coapContentFormat() {
        return 50;
    }
}
