package de.dos2030.iot.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random batches that the Validator accepts (for a clock at {@link #NOW}). */
public final class BatchArbitraries {
    public static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final long EARLIEST = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();

    private BatchArbitraries() {}

    public static Arbitrary<String> ids() {
        return Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyz0123456789._-")
                .ofMinLength(0)
                .ofMaxLength(20)
                .map(s -> "g" + s);
    }

    public static Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(EARLIEST, NOW.toEpochMilli()).map(Instant::ofEpochMilli);
    }

    /** A series of readings of one sensor and quantity, at an irregular interval. */
    static Arbitrary<List<Reading>> series() {
        return Combinators.combine(
                        ids(),
                        Arbitraries.of(Quantity.class),
                        Arbitraries.of(Statistic.class),
                        instants(),
                        Arbitraries.integers().between(1, 40),
                        Arbitraries.longs())
                .as((sensor, quantity, statistic, start, n, seed) -> {
                    Random random = new Random(seed);
                    List<Reading> readings = new ArrayList<>();
                    long t = Math.min(start.toEpochMilli(), NOW.toEpochMilli() - 3_600_000L);
                    for (int i = 0; i < n; i++) {
                        t += random.nextInt(3) == 0 ? 1 + random.nextInt(60_000) : 10_000;
                        double value = quantity.min() + random.nextDouble() * (quantity.max() - quantity.min());
                        Quality quality = random.nextInt(8) == 0
                                ? Quality.values()[random.nextInt(Quality.values().length)]
                                : Quality.OK;
                        readings.add(new Reading(sensor, quantity, statistic, Instant.ofEpochMilli(t), value, quality));
                    }
                    return readings;
                });
    }

    static Arbitrary<AlertEvent> alerts() {
        return Combinators.combine(
                        ids(),
                        ids(),
                        ids(),
                        Arbitraries.of(Quantity.class).injectNull(0.3),
                        Arbitraries.of(Severity.class),
                        Arbitraries.of(AlertState.class),
                        Arbitraries.doubles().between(-1000, 1000).injectNull(0.3),
                        instants())
                .as((alert, rule, sensor, quantity, severity, state, value, time) -> new AlertEvent(
                        alert,
                        rule,
                        sensor,
                        quantity,
                        severity,
                        state,
                        value,
                        value == null ? null : value / 2,
                        time,
                        "CO2 above " + value));
    }

    static Arbitrary<GatewayHealth> health() {
        return Combinators.combine(
                        Arbitraries.longs().between(0, 1_000_000_000L),
                        Arbitraries.longs().between(0, 1L << 40),
                        instants().injectNull(0.2),
                        Arbitraries.doubles().between(20, 90).injectNull(0.2),
                        Arbitraries.of(ClockSync.class))
                .as((n, bytes, lastAck, cpu, sync) -> new GatewayHealth(
                        "0.1.0",
                        "cfg-3a9f",
                        Duration.ofMillis(n * 7),
                        n % 5000,
                        bytes,
                        Duration.ofMillis(n),
                        n % 100,
                        lastAck,
                        cpu,
                        sync));
    }

    public static Arbitrary<Batch> validBatches() {
        return Combinators.combine(
                        ids().list().ofSize(3),
                        Arbitraries.longs().greaterOrEqual(0),
                        instants(),
                        Arbitraries.of(ClockSync.class),
                        series().list().ofMaxSize(6),
                        alerts().list().ofMaxSize(3),
                        health().injectNull(0.5))
                .as((gatewaySiteBoot, sequence, created, sync, series, alerts, health) -> {
                    List<Reading> readings = new ArrayList<>();
                    List<String> seen = new ArrayList<>();
                    for (List<Reading> s : series) {
                        Reading first = s.get(0);
                        String key = first.sensorId() + first.quantity() + first.statistic();
                        if (!seen.contains(key)) { // one series per key, or readings could collide as duplicates
                            seen.add(key);
                            readings.addAll(s);
                        }
                    }
                    return new Batch(
                            Batch.FORMAT_VERSION,
                            gatewaySiteBoot.get(0),
                            gatewaySiteBoot.get(1),
                            gatewaySiteBoot.get(2),
                            sequence,
                            created,
                            sync,
                            readings,
                            alerts,
                            health);
                });
    }
}
