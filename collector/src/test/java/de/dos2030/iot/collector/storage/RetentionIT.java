package de.dos2030.iot.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The retention policies per site kind and tier exist with their configured durations, a changed
 * duration is applied at the next start, and readings older than their raw policy's retention
 * (a gateway back after a long outage) are answered "stored" rather than retried for ever.
 */
class RetentionIT {

    @Test
    void createsEveryPolicyAndAltersOneWhoseDurationChanged() {
        String database = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (TestCollector first = new TestCollector(Map.of(), database, false)) {
            assertThat(policies(database))
                    .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                            "autogen", "0s", // InfluxDB's own, made with the database, unused
                            "bridge_1d", "0s",
                            "bridge_1h", "0s",
                            "bridge_1m", "17472h0m0s",
                            "bridge_raw", "720h0m0s",
                            "raw", "0s",
                            "school_1d", "0s",
                            "school_1h", "0s",
                            "school_1m", "17472h0m0s",
                            "school_raw", "8736h0m0s")));
        }
        try (TestCollector second = new TestCollector(Map.of("collector.retention.bridge-raw", "2w"), database, true)) {
            assertThat(policies(database)).containsEntry("bridge_raw", "336h0m0s");
        }
    }

    @Test
    void readingsOlderThanTheirRawRetentionAreAnsweredStoredAndCountedExpired() throws Exception {
        try (TestCollector collector = new TestCollector(Map.of("collector.rollup.enabled", false))) {
            String token =
                    collector.register("old-gw", "old-bridge", SiteKind.BRIDGE).token();
            Instant old = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
            Instant recent = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
            Batch batch = new Batch(
                    Batch.FORMAT_VERSION,
                    "old-gw",
                    "old-bridge",
                    "boot",
                    1,
                    Instant.now(),
                    ClockSync.SYNCED,
                    List.of(
                            Reading.sample("s.strain", Quantity.STRAIN, old, 12),
                            Reading.sample("s.strain", Quantity.STRAIN, recent, 13)),
                    List.of(),
                    null);

            HttpResponse<String> r = collector.postBatch(BatchCodec.json().encode(batch), "application/json", token);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            try (TestInflux influx = new TestInflux(TestInflux.DEV_URL, collector.database)) {
                assertThat(influx.count("SELECT count(value) FROM bridge_raw.strain WHERE gateway = 'old-gw'"))
                        .isEqualTo(1);
            }
            assertThat(collector
                            .context
                            .getBean(MeterRegistry.class)
                            .counter("collector.influx.points.expired")
                            .count())
                    .isEqualTo(1.0);
        }
    }

    private static Map<String, String> policies(String database) {
        Map<String, String> out = new TreeMap<>();
        try (TestInflux influx = new TestInflux(TestInflux.DEV_URL, database)) {
            for (List<Object> row : influx.rows("SHOW RETENTION POLICIES")) {
                out.put((String) row.get(0), (String) row.get(1));
            }
        }
        return out;
    }
}
