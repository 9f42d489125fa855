package de.dos2030.iot.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.WireNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact encoding for constrained links (CoAP content-format 60, MQTT): CBOR, columnar per
 * series. A series (one sensor, quantity and statistic) stores its first time, then
 * delta-of-delta times (a steady sample interval costs one byte a reading), and its values
 * quantised to the quantity's {@link Quantity#resolution()} as deltas from the previous value.
 * Values that cannot be quantised (NaN, infinities, beyond 2^52 steps) travel as exact doubles
 * beside the series, so nothing is lost, not even bad input meant for the Validator.
 *
 * <pre>
 * {v: version, g: gateway, s: site, b: boot, n: sequence, c: createdAt ms, k: clockSync,
 *  r: [{i: sensor, q: quantity, x: statistic (absent = sample), t: first time ms,
 *       d: [t1-t0, then delta-of-delta...], w: [first value, then deltas...] in resolution steps,
 *       f: [index, exact double, ...] (absent = none), u: [index, quality, ...] (absent = all ok)}],
 *  a: [alert objects], h: health object,
 *  p: [raw capture objects, values as one byte string of little-endian floats] (absent = none)}
 * </pre>
 */
public final class CborBatchCodec extends EnvelopeCodec {
    static final CborBatchCodec INSTANCE = new CborBatchCodec();
    /** Quantised steps beyond this lose integer precision in a double: send the exact value. */
    private static final double MAX_STEPS = 0x1p52;

    private CborBatchCodec() {
        super(
                JacksonFactories.CBOR,
                new FieldNames("v", "g", "s", "b", "n", "c", "k", "r", "a", "h", "p"),
                EventFields.TimeStyle.MILLIS);
    }

    @Override
    void writeReadings(JsonGenerator g, List<Reading> readings) throws IOException {
        g.writeStartArray();
        for (int start = 0, end; start < readings.size(); start = end) {
            end = start + 1;
            while (end < readings.size() && readings.get(end).sameSeries(readings.get(start))) {
                end++;
            }
            writeSeries(g, readings.subList(start, end), start);
        }
        g.writeEndArray();
    }

    @Override
    int bytesPerReading() {
        return 4;
    }

    private static void writeSeries(JsonGenerator g, List<Reading> series, int offset) throws IOException {
        Reading first = series.get(0);
        for (int i = 0; i < series.size(); i++) {
            Reading r = series.get(i);
            if (r.sensorId() == null
                    || r.quantity() == null
                    || r.statistic() == null
                    || r.time() == null
                    || r.quality() == null) {
                throw new IllegalArgumentException("readings[" + (offset + i)
                        + "]: cannot encode a reading without sensor, quantity, statistic, time and quality");
            }
        }
        long scale = Math.round(1 / first.quantity().resolution());
        g.writeStartObject();
        g.writeStringField("i", first.sensorId());
        EventFields.writeEnum(g, "q", first.quantity());
        if (first.statistic() != Statistic.SAMPLE) {
            EventFields.writeEnum(g, "x", first.statistic());
        }
        g.writeNumberField("t", first.time().toEpochMilli());
        g.writeArrayFieldStart("d");
        long previousTime = first.time().toEpochMilli();
        long previousDelta = 0;
        for (int i = 1; i < series.size(); i++) {
            long time = series.get(i).time().toEpochMilli();
            long delta = time - previousTime;
            g.writeNumber(delta - previousDelta);
            previousDelta = delta;
            previousTime = time;
        }
        g.writeEndArray();
        g.writeArrayFieldStart("w");
        long previousSteps = 0;
        boolean anyExact = false;
        boolean anyQuality = false;
        for (Reading r : series) {
            double steps = r.value() * scale;
            long current = previousSteps;
            if (Double.isFinite(steps) && Math.abs(steps) <= MAX_STEPS) {
                current = Math.round(steps);
            } else {
                anyExact = true;
            }
            g.writeNumber(current - previousSteps);
            previousSteps = current;
            anyQuality |= r.quality() != Quality.OK;
        }
        g.writeEndArray();
        if (anyExact) {
            g.writeArrayFieldStart("f");
            for (int i = 0; i < series.size(); i++) {
                double steps = series.get(i).value() * scale;
                if (!(Double.isFinite(steps) && Math.abs(steps) <= MAX_STEPS)) {
                    g.writeNumber(i);
                    g.writeNumber(series.get(i).value());
                }
            }
            g.writeEndArray();
        }
        if (anyQuality) {
            g.writeArrayFieldStart("u");
            for (int i = 0; i < series.size(); i++) {
                if (series.get(i).quality() != Quality.OK) {
                    g.writeNumber(i);
                    g.writeString(WireNames.of(series.get(i).quality()));
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    @Override
    void readReadings(StructReader r, List<Reading> into) throws DecodeException {
        r.expectArray();
        for (int index = 0; r.nextElement(); index++) {
            r.enter("[" + index + "]");
            new SeriesReader(r).read(into);
            r.leave();
        }
    }

    /** Reads one columnar series and appends its readings, checking every length against the others. */
    private static final class SeriesReader {
        private final StructReader r;
        private String sensorId;
        private Quantity quantity;
        private Statistic statistic = Statistic.SAMPLE;
        private Long firstTime;
        private final LongArray timeDeltas = new LongArray();
        private final LongArray valueDeltas = new LongArray();
        private final LongArray exactIndexes = new LongArray();
        private final List<Double> exactValues = new ArrayList<>();
        private final LongArray qualityIndexes = new LongArray();
        private final List<Quality> qualities = new ArrayList<>();

        SeriesReader(StructReader r) {
            this.r = r;
        }

        void read(List<Reading> out) throws DecodeException {
            r.expectObject();
            while (r.nextField()) {
                String name = r.fieldName();
                r.enter("." + name);
                switch (name) {
                    case "i" -> sensorId = r.optionalString();
                    case "q" -> quantity = r.quantity();
                    case "x" -> statistic = r.enumValue(Statistic.class);
                    case "t" -> firstTime = r.longValue();
                    case "d" -> readLongs(timeDeltas, out.size());
                    case "w" -> readLongs(valueDeltas, out.size());
                    case "f" -> readPairs(exactIndexes, () -> exactValues.add(r.doubleValue()));
                    case "u" -> readPairs(qualityIndexes, () -> qualities.add(r.enumValue(Quality.class)));
                    default -> r.skipValue();
                }
                r.leave();
            }
            emit(out);
        }

        private void emit(List<Reading> out) throws DecodeException {
            int n = valueDeltas.size();
            if (quantity == null || firstTime == null || n == 0) {
                throw r.fail("a series needs q (quantity), t (first time) and at least one value in w");
            }
            if (timeDeltas.size() != n - 1) {
                throw r.fail(
                        "d has " + timeDeltas.size() + " time deltas for " + n + " values (expected " + (n - 1) + ")");
            }
            Double[] exact = new Double[n];
            for (int k = 0; k < exactIndexes.size(); k++) {
                exact[index(exactIndexes.get(k), n, "f")] = exactValues.get(k);
            }
            Quality[] quality = new Quality[n];
            for (int k = 0; k < qualityIndexes.size(); k++) {
                quality[index(qualityIndexes.get(k), n, "u")] = qualities.get(k);
            }
            if (out instanceof ArrayList<Reading> list) {
                list.ensureCapacity(list.size() + n); // one copy per series, not one per growth step
            }
            double scale = Math.round(1 / quantity.resolution());
            long time = firstTime;
            long delta = 0;
            long steps = 0;
            try {
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        delta = Math.addExact(delta, timeDeltas.get(i - 1));
                        time = Math.addExact(time, delta);
                    }
                    steps = Math.addExact(steps, valueDeltas.get(i));
                    double value = exact[i] != null ? exact[i] : steps / scale;
                    out.add(new Reading(
                            sensorId,
                            quantity,
                            statistic,
                            r.epochMillis(time),
                            value,
                            quality[i] == null ? Quality.OK : quality[i]));
                }
            } catch (ArithmeticException e) {
                throw r.fail("times or values overflow");
            }
        }

        private int index(long index, int n, String field) throws DecodeException {
            if (index < 0 || index >= n) {
                throw r.fail(field + " refers to value " + index + " of a series of " + n);
            }
            return (int) index;
        }

        private void readLongs(LongArray into, int readingsSoFar) throws DecodeException {
            r.expectArray();
            while (r.nextElement()) {
                if (readingsSoFar + into.size() >= DecodeLimits.MAX_READINGS) {
                    throw r.fail("more than " + DecodeLimits.MAX_READINGS + " readings");
                }
                into.add(r.longValue());
            }
        }

        private void readPairs(LongArray indexes, ValueReader value) throws DecodeException {
            r.expectArray();
            while (r.nextElement()) {
                if (indexes.size() >= DecodeLimits.MAX_READINGS) {
                    throw r.fail("more entries than readings allowed");
                }
                indexes.add(r.longValue());
                if (!r.nextElement()) {
                    throw r.fail("expected index and value pairs");
                }
                value.read();
            }
        }
    }

    @FunctionalInterface
    private interface ValueReader {
        void read() throws DecodeException;
    }

    @Override
    public String mediaType() {
        return "application/cbor";
    }

    @Override
    public int coapContentFormat() {
        return 60;
    }
}
