package de.dos2030.iot.collector.bench.peers;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.codec.BatchCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON batches of the peers benchmark: a bridge gateway's 4 strain gauges at 10 Hz plus its
 * vibration RMS and peak features, {@code readings} a batch (the bridge example's 1000). Batch
 * {@code n} covers its own stretch of time, so no two batches of one gateway share a series and
 * timestamp and every reading is a point of its own in InfluxDB: the counts are exact.
 *
 * <p>Every gateway id of a phase has the same length, so a batch is encoded once per sequence
 * number and each gateway gets a copy with its id written over the template's: real gateways
 * encode on their own CPUs, and the generator must leave this machine's cores to the contenders.
 * Thread-safe.
 */
final class BridgeBatches {
    static final String SITE = "bridge-peers";
    static final Instant EPOCH = Instant.parse("2025-06-01T00:00:00Z");

    private final int readings;
    private final int strainPerGauge;
    private final int featuresEach;
    private final String templateId;
    private final Map<Integer, Template> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Template> eldest) {
            return size() > 256; // gateways run about in step: a few sequence numbers are in use at once
        }
    };

    /** {@code idLength}: the length every gateway id of the phase has. */
    BridgeBatches(int readings, int idLength) {
        if (readings < 10) {
            throw new IllegalArgumentException("readings per batch must be at least 10, not " + readings);
        }
        this.readings = readings;
        this.strainPerGauge = readings * 9 / 10 / 4;
        this.featuresEach = (readings - 4 * strainPerGauge) / 2;
        this.templateId = "#".repeat(idLength);
    }

    /** Readings per batch, as counted in InfluxDB (strain, vibration rms, vibration peak). */
    int readings() {
        return 4 * strainPerGauge + 2 * featuresEach;
    }

    /** Points each series of a gateway gets per batch, by series (measurement.field.sensor). */
    Map<String, Integer> perSeries() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int gauge = 0; gauge < 4; gauge++) {
            out.put("strain.value.deck.strain-" + gauge, strainPerGauge);
        }
        out.put("vibration.rms.deck.acc", featuresEach);
        out.put("vibration.peak.deck.acc", featuresEach);
        return out;
    }

    /** Gateway {@code gatewayId}'s batch {@code sequence} as JSON bytes. */
    byte[] json(String gatewayId, int sequence) {
        if (gatewayId.length() != templateId.length()) {
            throw new IllegalArgumentException(
                    "gateway id '" + gatewayId + "' must be " + templateId.length() + " characters long");
        }
        Template t;
        synchronized (cache) {
            t = cache.get(sequence);
        }
        if (t == null) {
            t = template(sequence);
            synchronized (cache) {
                cache.put(sequence, t);
            }
        }
        byte[] body = t.body.clone();
        byte[] id = gatewayId.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, body, t.idAt, id.length);
        return body;
    }

    private record Template(byte[] body, int idAt) {}

    private Template template(int sequence) {
        Duration span = Duration.ofMillis(100L * strainPerGauge);
        Instant start = EPOCH.plus(span.multipliedBy(sequence));
        List<Reading> out = new ArrayList<>(readings);
        for (int gauge = 0; gauge < 4; gauge++) {
            for (int i = 0; i < strainPerGauge; i++) {
                out.add(Reading.sample(
                        "deck.strain-" + gauge,
                        Quantity.STRAIN,
                        start.plusMillis(100L * i),
                        120 + 30 * Math.sin((sequence * strainPerGauge + i) / 7.0) + gauge));
            }
        }
        long step = span.toMillis() / featuresEach;
        for (Quantity feature : List.of(Quantity.VIBRATION_RMS, Quantity.VIBRATION_PEAK)) {
            for (int i = 0; i < featuresEach; i++) { // grouped by series, as the edge agent's batcher sends them
                out.add(new Reading(
                        "deck.acc",
                        feature,
                        Statistic.SAMPLE,
                        start.plusMillis(step * i),
                        0.01 + i * 1e-4,
                        Quality.OK));
            }
        }
        Batch batch = new Batch(
                1, templateId, SITE, "boot-peers", sequence, start.plus(span), ClockSync.SYNCED, out, List.of(), null);
        byte[] body = BatchCodec.json().encode(batch);
        byte[] marker = ("\"" + templateId + "\"").getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, marker);
        if (at < 0) {
            throw new IllegalStateException("the JSON batch does not hold its gateway id as a string");
        }
        return new Template(body, at + 1);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
