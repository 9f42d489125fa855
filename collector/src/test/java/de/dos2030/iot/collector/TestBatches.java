package de.dos2030.iot.collector;

import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.codec.BatchCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Realistic batches for tests: a classroom's CO2, temperature and humidity, one reading a second. */
public final class TestBatches {
    private TestBatches() {}

    private static final Instant BASE =
            Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    private static final java.util.concurrent.atomic.AtomicLong WINDOWS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * {@code seconds} (at most 3600) seconds of a classroom: 3 readings a second. Every batch made
     * here gets an hour of its own in the past, so tests can count a batch's points by its time range.
     */
    public static Batch school(String gatewayId, String siteId, String bootId, long sequence, int seconds) {
        Instant end = BASE.minus(Duration.ofHours(WINDOWS.getAndIncrement()));
        Instant start = end.minusSeconds(seconds);
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            readings.add(Reading.sample("room-1.co2", Quantity.CO2, start.plusSeconds(i), 600 + i % 50));
        }
        for (int i = 0; i < seconds; i++) {
            readings.add(
                    Reading.sample("room-1.temp", Quantity.TEMPERATURE, start.plusSeconds(i), 21.5 + (i % 10) / 10.0));
        }
        for (int i = 0; i < seconds; i++) {
            readings.add(new Reading(
                    "room-1.rh",
                    Quantity.RELATIVE_HUMIDITY,
                    Statistic.SAMPLE,
                    start.plusSeconds(i),
                    45 + (i % 7),
                    i % 13 == 0 ? Quality.SUSPECT : Quality.OK));
        }
        return new Batch(
                Batch.FORMAT_VERSION,
                gatewayId,
                siteId,
                bootId,
                sequence,
                end,
                ClockSync.SYNCED,
                readings,
                List.of(),
                null);
    }

    /**
     * A JSON batch whose health claims an uptime of {@code PT9999999999999H}: it decodes, but its milliseconds
     * overflow a long (the attack of issue 15, finding 5).
     */
    public static byte[] jsonWithAbsurdUptime(String gatewayId, String siteId, String bootId, long sequence) {
        String json = new String(
                BatchCodec.json().encode(schoolWithAlertAndHealth(gatewayId, siteId, bootId, sequence)),
                StandardCharsets.UTF_8);
        if (!json.contains("\"uptime\":\"PT3H\"")) {
            throw new IllegalStateException("the JSON codec no longer writes uptime as PT3H: " + json);
        }
        return json.replace("\"uptime\":\"PT3H\"", "\"uptime\":\"PT9999999999999H\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Same as {@link #school} with an alert event and the gateway's health. */
    public static Batch schoolWithAlertAndHealth(String gatewayId, String siteId, String bootId, long sequence) {
        Batch b = school(gatewayId, siteId, bootId, sequence, 10);
        // alert and health sit in the batch's window too
        AlertEvent alert = new AlertEvent(
                "a-" + bootId + "-1",
                "co2-high",
                "room-1.co2",
                Quantity.CO2,
                Severity.WARNING,
                AlertState.RAISED,
                1450.0,
                1400.0,
                b.createdAt().minusSeconds(5),
                "CO2 above 1400 ppm: open the windows");
        GatewayHealth health = new GatewayHealth(
                "0.1.0",
                "cfg-1",
                Duration.ofHours(3),
                2,
                2048,
                Duration.ofSeconds(4),
                0,
                b.createdAt().minusSeconds(30),
                48.5,
                ClockSync.SYNCED);
        return new Batch(
                b.formatVersion(),
                b.gatewayId(),
                b.siteId(),
                b.bootId(),
                b.sequence(),
                b.createdAt(),
                b.clockSync(),
                b.readings(),
                List.of(alert),
                health);
    }

    /** A batch whose readings {@code bad} (indices) carry a NaN value. */
    public static Batch withNaN(Batch b, int... bad) {
        List<Reading> readings = new ArrayList<>(b.readings());
        for (int i : bad) {
            Reading r = readings.get(i);
            readings.set(i, new Reading(r.sensorId(), r.quantity(), r.statistic(), r.time(), Double.NaN, r.quality()));
        }
        return new Batch(
                b.formatVersion(),
                b.gatewayId(),
                b.siteId(),
                b.bootId(),
                b.sequence(),
                b.createdAt(),
                b.clockSync(),
                readings,
                b.alerts(),
                b.health());
    }

    /** A batch holding only alert events (no readings), created now. */
    public static Batch alerts(String gatewayId, String siteId, String bootId, long sequence, AlertEvent... alerts) {
        return new Batch(
                Batch.FORMAT_VERSION,
                gatewayId,
                siteId,
                bootId,
                sequence,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                ClockSync.SYNCED,
                List.of(),
                List.of(alerts),
                null);
    }

    /**
     * A batch with these readings (created now) whose health carries {@code place} (null: no health), as
     * an edge agent sends its place with its health: the way sites get names and positions in tests.
     */
    public static Batch withPlace(
            String gatewayId,
            String siteId,
            String bootId,
            long sequence,
            List<Reading> readings,
            @io.micronaut.core.annotation.Nullable PlaceReport place) {
        GatewayHealth health = place == null
                ? null
                : new GatewayHealth(
                        "0.1.0",
                        "cfg-1",
                        Duration.ofMinutes(5),
                        0,
                        0,
                        Duration.ZERO,
                        0,
                        null,
                        null,
                        ClockSync.SYNCED,
                        null,
                        place);
        return new Batch(
                Batch.FORMAT_VERSION,
                gatewayId,
                siteId,
                bootId,
                sequence,
                Instant.now(),
                ClockSync.SYNCED,
                readings,
                List.of(),
                health);
    }

    /** A CO2 alert event of room-1 at {@code time}. */
    public static AlertEvent co2Alert(
            String alertId, Severity severity, AlertState state, double value, double limit, Instant time) {
        return new AlertEvent(
                alertId,
                "co2-high",
                "room-1.co2",
                Quantity.CO2,
                severity,
                state,
                value,
                limit,
                time,
                state == AlertState.RAISED
                        ? "CO2 " + value + " ppm above " + limit + " ppm: open the windows"
                        : "CO2 back below " + limit + " ppm");
    }
}
