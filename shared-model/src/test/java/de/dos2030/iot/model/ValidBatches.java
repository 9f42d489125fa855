package de.dos2030.iot.model;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.quicktheories.core.Gen;

/** Random batches that the Validator accepts (for a clock at {@link #NOW}), as QuickTheories generators. */
public final class ValidBatches {
    public static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final long EARLIEST = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
    private static final List<Character> ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789._-"
            .chars()
            .mapToObj(c -> (char) c)
            .toList();

    private ValidBatches() {}

    public static Gen<String> ids() {
        return lists().of(arbitrary().pick(ID_CHARS))
                .ofSizeBetween(0, 20)
                .map(chars -> "g" + chars.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    public static Gen<Instant> instants() {
        return longs().between(EARLIEST, NOW.toEpochMilli()).map(Instant::ofEpochMilli);
    }

    /** {@code null} in about {@code percent} of the cases, else a value of {@code values}. */
    static <T> Gen<T> orNull(Gen<T> values, int percent) {
        return values.toOptionals(percent).map(o -> o.orElse(null));
    }

    /** A series of readings of one sensor and quantity, at an irregular interval. */
    static Gen<List<Reading>> series() {
        Gen<String> sensors = ids();
        Gen<Quantity> quantities = arbitrary().enumValues(Quantity.class);
        Gen<Statistic> statistics = arbitrary().enumValues(Statistic.class);
        Gen<Instant> starts = instants();
        Gen<Integer> counts = integers().between(1, 40);
        Gen<Long> seeds = longs().all();
        return in -> {
            String sensor = sensors.generate(in);
            Quantity quantity = quantities.generate(in);
            Statistic statistic = statistics.generate(in);
            Instant start = starts.generate(in);
            int n = counts.generate(in);
            Random random = new Random(seeds.generate(in));
            List<Reading> readings = new ArrayList<>();
            long t = Math.min(start.toEpochMilli(), NOW.toEpochMilli() - 3_600_000L);
            for (int i = 0; i < n; i++) {
                t += random.nextInt(3) == 0 ? 1 + random.nextInt(60_000) : 10_000;
                double value = quantity.min() + random.nextDouble() * (quantity.max() - quantity.min());
                Quality quality =
                        random.nextInt(8) == 0 ? Quality.values()[random.nextInt(Quality.values().length)] : Quality.OK;
                readings.add(new Reading(sensor, quantity, statistic, Instant.ofEpochMilli(t), value, quality));
            }
            return readings;
        };
    }

    static Gen<AlertEvent> alerts() {
        Gen<String> ids = ids();
        Gen<Quantity> quantities = orNull(arbitrary().enumValues(Quantity.class), 30);
        Gen<Severity> severities = arbitrary().enumValues(Severity.class);
        Gen<AlertState> states = arbitrary().enumValues(AlertState.class);
        Gen<Double> values = orNull(doubles().between(-1000, 1000), 30);
        Gen<Instant> times = instants();
        return in -> {
            Double value = values.generate(in);
            return new AlertEvent(
                    ids.generate(in),
                    ids.generate(in),
                    ids.generate(in),
                    quantities.generate(in),
                    severities.generate(in),
                    states.generate(in),
                    value,
                    value == null ? null : value / 2,
                    times.generate(in),
                    "CO2 above " + value);
        };
    }

    static Gen<GatewayHealth> health() {
        Gen<Long> counts = longs().between(0, 1_000_000_000L);
        Gen<Long> bytes = longs().between(0, 1L << 40);
        Gen<Instant> lastAcks = orNull(instants(), 20);
        Gen<Double> cpus = orNull(doubles().between(20, 90), 20);
        Gen<ClockSync> syncs = arbitrary().enumValues(ClockSync.class);
        return in -> {
            long n = counts.generate(in);
            return new GatewayHealth(
                    "0.1.0",
                    "cfg-3a9f",
                    Duration.ofMillis(n * 7),
                    n % 5000,
                    bytes.generate(in),
                    Duration.ofMillis(n),
                    n % 100,
                    lastAcks.generate(in),
                    cpus.generate(in),
                    syncs.generate(in));
        };
    }

    public static Gen<Batch> gen() {
        Gen<String> ids = ids();
        Gen<Long> sequences = longs().between(0, Long.MAX_VALUE);
        Gen<Instant> created = instants();
        Gen<ClockSync> syncs = arbitrary().enumValues(ClockSync.class);
        Gen<List<List<Reading>>> seriesLists = lists().of(series()).ofSizeBetween(0, 6);
        Gen<List<AlertEvent>> alertLists = lists().of(alerts()).ofSizeBetween(0, 3);
        Gen<Optional<GatewayHealth>> healths = health().toOptionals(50);
        return in -> {
            String gateway = ids.generate(in);
            String site = ids.generate(in);
            String boot = ids.generate(in);
            long sequence = sequences.generate(in);
            Instant createdAt = created.generate(in);
            ClockSync sync = syncs.generate(in);
            List<Reading> readings = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (List<Reading> s : seriesLists.generate(in)) {
                Reading first = s.get(0);
                String key = first.sensorId() + first.quantity() + first.statistic();
                if (!seen.contains(key)) { // one series per key, or readings could collide as duplicates
                    seen.add(key);
                    readings.addAll(s);
                }
            }
            return new Batch(
                    Batch.FORMAT_VERSION,
                    gateway,
                    site,
                    boot,
                    sequence,
                    createdAt,
                    sync,
                    readings,
                    alertLists.generate(in),
                    healths.generate(in).orElse(null));
        };
    }
}
