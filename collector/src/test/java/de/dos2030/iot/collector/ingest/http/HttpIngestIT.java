package de.dos2030.iot.collector.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP door against the dev InfluxDB: stored, refused and malformed batches, queried back. */
class HttpIngestIT {
    static TestCollector collector;
    static TestInflux influx;
    static String tokenA;
    static String tokenB;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of());
        influx = new TestInflux(TestInflux.DEV_URL, collector.database);
        tokenA = collector.register("http-gw-a", "school-a", SiteKind.SCHOOL).token();
        tokenB = collector.register("http-gw-b", "school-b", SiteKind.SCHOOL).token();
    }

    @AfterAll
    static void stop() {
        collector.close();
        influx.close();
    }

    private long readingsOf(Batch b) {
        String range = " AND time >= '" + b.readings().get(0).time() + "' AND time <= '" + b.createdAt() + "'";
        return influx.count("SELECT count(value) FROM bridge_raw.co2,school_raw.co2 WHERE gateway='" + b.gatewayId()
                        + "'" + range)
                + influx.count("SELECT count(value) FROM bridge_raw.temperature,school_raw.temperature WHERE gateway='"
                        + b.gatewayId() + "'" + range)
                + influx.count("SELECT count(value) FROM bridge_raw.humidity,school_raw.humidity WHERE gateway='"
                        + b.gatewayId() + "'" + range);
    }

    @Test
    void storesJsonBatchPostedWithCurl() throws Exception {
        Batch batch = TestBatches.schoolWithAlertAndHealth("http-gw-a", "school-a", "boot-curl", 0);
        Path file = Files.createTempFile("batch", ".json");
        Files.write(file, BatchCodec.json().encode(batch));
        Process curl = new ProcessBuilder(
                        "curl",
                        "-sS",
                        "-w",
                        "\n%{http_code}",
                        "-X",
                        "POST",
                        "-H",
                        "Authorization: Bearer " + tokenA,
                        "-H",
                        "Content-Type: application/json",
                        "--data-binary",
                        "@" + file,
                        collector.url("/api/v1/batches"))
                .redirectErrorStream(true)
                .start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).isZero();

        assertThat(out)
                .endsWith("\n200")
                .contains("\"status\":\"stored\"")
                .contains("\"stored\":30")
                .contains("\"alerts\":1")
                .containsPattern("\"receivedAt\":1[0-9]{12},\"answeredAt\":1[0-9]{12}");
        assertThat(readingsOf(batch)).isEqualTo(30);
        assertThat(influx.count(
                        "SELECT count(value) FROM bridge_raw.co2,school_raw.co2 WHERE site='school-a' AND site_kind='school' AND sensor='room-1.co2'"
                                + " AND quality='ok' AND time >= '"
                                + batch.readings().get(0).time() + "' AND time <= '" + batch.createdAt() + "'"))
                .isEqualTo(10);
        assertThat(
                        influx.count(
                                "SELECT count(value) FROM alert WHERE gateway='http-gw-a' AND rule='co2-high' AND state='raised' AND boot_id='boot-curl'"))
                .isEqualTo(1);
        assertThat(
                        influx.count(
                                "SELECT count(outbox_depth) FROM gateway_health WHERE gateway='http-gw-a' AND boot_id='boot-curl'"))
                .isEqualTo(1);
    }

    @Test
    void storesCborBatchAndTheSameBatchTwiceGivesTheSamePoints() throws Exception {
        Batch batch = TestBatches.school("http-gw-a", "school-a", "boot-cbor", 0, 20);
        HttpResponse<String> first = collector.postBatch(BatchCodec.cbor().encode(batch), "application/cbor", tokenA);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(readingsOf(batch)).isEqualTo(60);

        HttpResponse<String> again = collector.postBatch(BatchCodec.cbor().encode(batch), "application/cbor", tokenA);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(readingsOf(batch)).isEqualTo(60);
    }

    @Test
    void refusesMissingOrWrongTokenAndStoresNothing() throws Exception {
        Batch batch = TestBatches.school("http-gw-a", "school-a", "boot-401", 0, 5);
        byte[] json = BatchCodec.json().encode(batch);

        HttpResponse<String> missing = collector.postBatch(json, "application/json", null);
        HttpResponse<String> wrong = collector.postBatch(json, "application/json", "not-a-token");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("unknown or revoked token");
        assertThat(readingsOf(batch)).isZero();
    }

    @Test
    void refusesGatewayPostingAsAnotherAndStoresNothing() throws Exception {
        Batch asA = TestBatches.school("http-gw-a", "school-a", "boot-403", 0, 5);

        HttpResponse<String> response = collector.postBatch(BatchCodec.json().encode(asA), "application/json", tokenB);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"path\":\"gatewayId\"").contains("sent by 'http-gw-b'");
        assertThat(readingsOf(asA)).isZero();
    }

    @Test
    void storesValidReadingsOfMixedBatchAndQuarantinesTheRest() throws Exception {
        Batch batch = TestBatches.withNaN(TestBatches.school("http-gw-a", "school-a", "boot-mixed", 0, 10), 2, 15);

        HttpResponse<String> response =
                collector.postBatch(BatchCodec.json().encode(batch), "application/json", tokenA);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"stored\":28")
                .contains("\"quarantined\":2")
                .contains("{\"path\":\"readings[2].value\",\"reason\":\"NaN is not allowed\"}")
                .contains("\"path\":\"readings[15].value\"");
        assertThat(readingsOf(batch)).isEqualTo(28);
        List<List<Object>> quarantined = influx.rows(
                "SELECT item, reason, sensor FROM quarantine WHERE gateway='http-gw-a' AND boot_id='boot-mixed'");
        assertThat(quarantined).hasSize(2);
        assertThat(quarantined)
                .extracting(row -> (String) row.get(2))
                .containsOnly("readings[2].value: NaN is not allowed", "readings[15].value: NaN is not allowed");
    }

    @Test
    void answersEveryKindOfBadPayloadWithA4xxAndKeepsServing() throws Exception {
        byte[] valid = BatchCodec.json().encode(TestBatches.school("http-gw-a", "school-a", "boot-bad", 0, 5));
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length / 2);
        byte[] nested = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.US_ASCII);
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        byte[] oversize = new byte[300_000];

        assertThat(collector
                        .postBatch("hello".getBytes(), "application/json", tokenA)
                        .statusCode())
                .isEqualTo(400);
        assertThat(collector.postBatch(garbage, "application/cbor", tokenA).statusCode())
                .isEqualTo(400);
        HttpResponse<String> cut = collector.postBatch(truncated, "application/json", tokenA);
        assertThat(cut.statusCode()).isEqualTo(400);
        assertThat(cut.body()).contains("\"status\":\"rejected\"").contains("reason");
        HttpResponse<String> deep = collector.postBatch(nested, "application/json", tokenA);
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(collector.postBatch(oversize, "application/json", tokenA).statusCode())
                .isEqualTo(413);
        assertThat(collector.postBatch(valid, "text/plain", tokenA).statusCode())
                .isEqualTo(415);
        assertThat(collector.postBatch(new byte[0], "application/json", tokenA).statusCode())
                .isEqualTo(400);

        assertThat(collector.postBatch(valid, "application/json", tokenA).statusCode())
                .isEqualTo(200);
    }

    @Test
    void reportsSequenceGapsThroughAdminApiAndMetrics() throws Exception {
        for (long seq : new long[] {0, 1, 4}) {
            Batch b = TestBatches.school("http-gw-b", "school-b", "boot-gaps", seq, 2);
            assertThat(collector
                            .postBatch(BatchCodec.json().encode(b), "application/json", tokenB)
                            .statusCode())
                    .isEqualTo(200);
        }

        HttpResponse<String> sequences =
                collector.get("/admin/gateways/http-gw-b/sequences", TestCollector.ADMIN_TOKEN);
        assertThat(sequences.statusCode()).isEqualTo(200);
        assertThat(sequences.body())
                .contains("\"bootId\":\"boot-gaps\"")
                .contains("\"highestSequence\":4")
                .contains("\"missingCount\":2")
                .contains("\"missing\":[[2,3]]");
        assertThat(collector.get("/admin/gateways/http-gw-b/sequences", null).statusCode())
                .isEqualTo(401);

        // The gap is counted once it has outlived a round of sharing sequences between instances.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(collector
                                .get("/prometheus", TestCollector.ADMIN_TOKEN)
                                .body())
                        .contains("collector_sequence_missing")
                        .containsPattern("collector_sequence_gaps_total(\\{[^}]*})? [1-9]")
                        .containsPattern("collector_ingest_batches_total\\{door=\"http\",outcome=\"stored\"} [1-9]"));
    }

    @Test
    void healthReportsInfluxDbAndRegistry() throws Exception {
        HttpResponse<String> health = collector.get("/health", TestCollector.ADMIN_TOKEN);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body())
                .contains("\"influxdb\"")
                .contains("\"reachable\":true")
                .contains("\"jdbc\"");
    }

    @Test
    void refusesAHealthDurationThatWouldOverflowWith400AndKeepsStoring() throws Exception {
        byte[] absurd = TestBatches.jsonWithAbsurdUptime("http-gw-a", "school-a", "boot-overflow", 0);
        HttpResponse<String> r = collector.postBatch(absurd, "application/json", tokenA);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("health.uptime").contains("longer than 36525 days");

        Batch next = TestBatches.school("http-gw-a", "school-a", "boot-overflow", 1, 5);
        assertThat(collector
                        .postBatch(BatchCodec.json().encode(next), "application/json", tokenA)
                        .statusCode())
                .isEqualTo(200);
    }
}
