package de.dos2030.iot.collector.tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random series as gateways send them, fast rollup settings, and waiting for the tiers to settle. */
final class RollupFixtures {
    private RollupFixtures() {}

    /** Rollup settings that let a test see the tiers within a second or two. */
    static Map<String, Object> fastRollups() {
        return Map.of(
                "collector.rollup.settle-delay", "200ms",
                "collector.rollup.max-delay", "1s",
                "collector.rollup.poll-interval", "50ms",
                "collector.rollup.lease", "30s");
    }

    /** One sensor of a random series: its quantity, statistic, a mean and a spread. */
    record Channel(String sensor, Quantity quantity, Statistic statistic, double mean, double spread, double step) {}

    /**
     * Batches of random readings of {@code channels} over [from, to): irregular times (1 to 14 s apart),
     * values around a large mean with a small spread (hard for sums of squares), about one reading in
     * eight of another quality than ok. One batch per {@code perBatch}, sequence numbers from {@code firstSequence}.
     */
    static List<Batch> batches(
            String gateway,
            String site,
            String boot,
            long firstSequence,
            List<Channel> channels,
            Instant from,
            Instant to,
            Duration perBatch,
            long seed) {
        Random random = new Random(seed);
        Quality[] others = {Quality.SUSPECT, Quality.OUT_OF_RANGE, Quality.SENSOR_FAULT, Quality.CALIBRATING};
        List<Batch> out = new ArrayList<>();
        long sequence = firstSequence;
        for (Instant start = from; start.isBefore(to); start = start.plus(perBatch)) {
            Instant end = start.plus(perBatch).isAfter(to) ? to : start.plus(perBatch);
            List<Reading> readings = new ArrayList<>();
            for (Channel c : channels) {
                for (Instant t = start.plusMillis(random.nextInt(3000));
                        t.isBefore(end);
                        t = t.plusMillis(1000 + random.nextInt(13_000))) {
                    double value = Math.round((c.mean() + random.nextGaussian() * c.spread()) / c.step()) * c.step();
                    Quality q = random.nextInt(8) == 0 ? others[random.nextInt(others.length)] : Quality.OK;
                    readings.add(new Reading(c.sensor(), c.quantity(), c.statistic(), t, value, q));
                }
            }
            if (!readings.isEmpty()) {
                out.add(new Batch(
                        Batch.FORMAT_VERSION,
                        gateway,
                        site,
                        boot,
                        sequence++,
                        end,
                        ClockSync.SYNCED,
                        readings,
                        List.of(),
                        null));
            }
        }
        return out;
    }

    /** Sends a batch through the HTTP door with the gateway's token; it must be stored. */
    static void post(TestCollector collector, String token, Batch batch) throws Exception {
        HttpResponse<String> r = collector.postBatch(BatchCodec.cbor().encode(batch), "application/cbor", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Waits until no instance has a dirty window left (twice in a row: a recompute may mark its days). */
    static void awaitConverged(TestCollector collector, Duration atMost) {
        DirtySet dirty = collector.context.getBean(DirtySet.class);
        int[] quiet = {0};
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            quiet[0] = dirty.backlog().windows() == 0 ? quiet[0] + 1 : 0;
            return quiet[0] >= 3;
        });
    }
}
