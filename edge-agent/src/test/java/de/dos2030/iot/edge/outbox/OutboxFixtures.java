package de.dos2030.iot.edge.outbox;

import de.dos2030.iot.config.model.EvictionPolicy;
import de.dos2030.iot.config.model.SyncPolicy;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.Statistic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Readings, alerts and settings for outbox tests. */
public final class OutboxFixtures {
    public static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    /** Values and jitter that do not compress away, so that byte bounds are reached with few batches. */
    private static final java.util.Random NOISE = new java.util.Random(42);

    private OutboxFixtures() {}

    public static OutboxSettings settings(Path dir, SyncPolicy sync, EvictionPolicy eviction) {
        return new OutboxSettings(dir, 1024 * 1024, 64 * 1024, sync, Duration.ofSeconds(1), eviction);
    }

    public static List<Reading> samples(int n, Instant from) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Reading.sample(
                    "room-1.co2",
                    Quantity.CO2,
                    from.plusMillis(i * 100L + NOISE.nextInt(50)),
                    400 + NOISE.nextInt(20_000)));
        }
        return out;
    }

    public static List<Reading> features(int n, Instant from) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Reading(
                    "room-1.co2", Quantity.CO2, Statistic.MEAN, from.minusSeconds(i * 60L), 800 + i, Quality.OK));
        }
        return out;
    }

    public static AlertEvent alert(String id, Instant at) {
        return new AlertEvent(
                id,
                "co2-high",
                "room-1.co2",
                Quantity.CO2,
                Severity.WARNING,
                AlertState.RAISED,
                1600.0,
                1500.0,
                at,
                "CO2 above 1500 ppm");
    }
}
