package de.dos2030.iot.edge.bench.delivery;

import de.dos2030.iot.config.model.EvictionPolicy;
import de.dos2030.iot.config.model.SyncPolicy;
import de.dos2030.iot.edge.outbox.AppendResult;
import de.dos2030.iot.edge.outbox.BatchOrigin;
import de.dos2030.iot.edge.outbox.EntryKind;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxEntry;
import de.dos2030.iot.edge.outbox.OutboxSettings;
import de.dos2030.iot.edge.outbox.ReleaseReason;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Outbox append + sync throughput per sync policy: batches of {@code readings} raw samples are
 * validated, CBOR-encoded, journaled and (per policy) forced to disk for {@code seconds}; each is
 * acknowledged right away so the journal stays small, as in steady operation.
 *
 * <p>Run: {@code scripts/bench-edge-delivery.sh outbox [dir]} (default directory: edge-agent/target).
 */
public final class OutboxThroughputBenchmark {
    public static void main(String[] args) throws Exception {
        Path base = Path.of(args.length > 0 ? args[0] : "target");
        int readings = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        System.out.printf(
                "outbox append+sync, %d readings per batch, %.0f s per policy, journal in %s%n",
                readings, seconds, base.toAbsolutePath());
        for (SyncPolicy policy : SyncPolicy.values()) {
            run(base, policy, readings, seconds); // warm-up
            run(base, policy, readings, seconds);
        }
    }

    private static void run(Path base, SyncPolicy policy, int readings, double seconds) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(base), "bench-outbox-");
        Clock clock = Clock.systemUTC();
        OutboxSettings settings = new OutboxSettings(
                dir,
                64L * 1024 * 1024,
                1024 * 1024,
                policy,
                Duration.ofSeconds(1),
                EvictionPolicy.OLDEST_READINGS_FIRST);
        Random random = new Random(1);
        long batches = 0;
        long bytes = 0;
        try (Outbox outbox = Outbox.open(settings, new BatchOrigin("bench-gw", "bench-site", "bench-boot"), clock)) {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            while (System.nanoTime() < end) {
                Instant now = clock.instant();
                List<Reading> list = new ArrayList<>(readings);
                for (int i = 0; i < readings; i++) {
                    list.add(Reading.sample(
                            "room-1.co2",
                            Quantity.CO2,
                            now.minusMillis((readings - i) * 50L),
                            400 + random.nextInt(1600)));
                }
                AppendResult r = outbox.append(EntryKind.SAMPLES, list, List.of(), null, ClockSync.SYNCED);
                OutboxEntry e = ((AppendResult.Journaled) r).entry();
                bytes += e.frameBytes();
                outbox.release(e.id(), ReleaseReason.STORED);
                batches++;
                outbox.syncIfDue();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "  sync %-12s %9.0f batches/s %11.0f readings/s %7.1f bytes/reading%n",
                    policy.wireName(),
                    batches / elapsed,
                    batches * readings / elapsed,
                    (double) bytes / (batches * readings));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
