package de.dos2030.iot.collector.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.alerts.liveness.LivenessMonitor;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The collector's own rules on a moved clock: offline, silent sensor, sequence gap, outbox, clock sync. */
class LivenessIT {
    static TestCollector collector;
    static JsonMapper json;
    static LivenessMonitor monitor;
    static String viewer;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of(
                "test.mutable-clock",
                true,
                "collector.liveness.offline-after",
                "5m",
                "collector.liveness.sensor-silent-after",
                "2m",
                "collector.liveness.gap-grace",
                "1m",
                "collector.liveness.outbox-depth-limit",
                100,
                "collector.liveness.clock-unsynced-after",
                "1m"));
        json = collector.context.getBean(JsonMapper.class);
        monitor = collector.context.getBean(LivenessMonitor.class);
        viewer = collector.apiToken("live-viewer", Role.VIEWER);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    private static List<Alert> alerts(String query) throws Exception {
        HttpResponse<String> r = collector.send("GET", "/api/v1/alerts?" + query, viewer, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readValue(r.body(), Argument.listOf(Alert.class));
    }

    private static void post(String token, Batch b) throws Exception {
        HttpResponse<String> r = collector.postBatch(BatchCodec.json().encode(b), "application/json", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static Batch withHealth(Batch b, long outboxDepth, ClockSync sync) {
        return withHealth(b, outboxDepth, sync, null);
    }

    private static Batch withHealth(Batch b, long outboxDepth, ClockSync sync, Duration clockOffset) {
        GatewayHealth h = new GatewayHealth(
                "0.2.0",
                "cfg-7",
                Duration.ofHours(1),
                outboxDepth,
                outboxDepth * 1000,
                Duration.ofSeconds(outboxDepth),
                0,
                null,
                45.0,
                sync,
                clockOffset);
        return new Batch(
                b.formatVersion(),
                b.gatewayId(),
                b.siteId(),
                b.bootId(),
                b.sequence(),
                b.createdAt(),
                sync,
                b.readings(),
                b.alerts(),
                h);
    }

    @Test
    void gatewayOfflineIsRaisedAfterTheTimeoutAndClearedWhenItReturns() throws Exception {
        String token = collector.register("lv-gw1", "lv-site1", SiteKind.SCHOOL).token();
        post(token, TestBatches.school("lv-gw1", "lv-site1", "boot-lv1", 0, 10));
        monitor.check();
        assertThat(alerts("gatewayId=lv-gw1&ruleId=gateway-offline")).isEmpty();

        collector.clock().advance(Duration.ofMinutes(4));
        monitor.check();
        assertThat(alerts("gatewayId=lv-gw1&ruleId=gateway-offline")).isEmpty();

        collector.clock().advance(Duration.ofMinutes(2));
        monitor.check();
        monitor.check(); // a second round raises nothing new
        List<Alert> raised = alerts("gatewayId=lv-gw1&ruleId=gateway-offline");
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).status()).isEqualTo("raised");
        assertThat(raised.get(0).source()).isEqualTo("server");
        assertThat(raised.get(0).severity()).isEqualTo("warning");
        assertThat(collector
                        .send("GET", "/api/v1/gateways/lv-gw1", viewer, null)
                        .body())
                .contains("\"state\":\"offline\"");

        post(token, TestBatches.school("lv-gw1", "lv-site1", "boot-lv1", 1, 10));
        monitor.check();
        List<Alert> cleared = alerts("gatewayId=lv-gw1&ruleId=gateway-offline");
        assertThat(cleared).hasSize(1);
        assertThat(cleared.get(0).status()).isEqualTo("cleared");
        assertThat(collector
                        .send("GET", "/api/v1/gateways/lv-gw1", viewer, null)
                        .body())
                .contains("\"state\":\"online\"");
    }

    @Test
    void silentSensorOutboxFillingClockNotSyncedAndSequenceGapAreRaisedAndCleared() throws Exception {
        String token = collector.register("lv-gw2", "lv-site2", SiteKind.SCHOOL).token();
        post(token, withHealth(TestBatches.school("lv-gw2", "lv-site2", "boot-lv2", 0, 5), 250, ClockSync.UNSYNCED));
        // seq 1 and 2 never arrive; the humidity sensor goes quiet
        Batch noHumidity = TestBatches.school("lv-gw2", "lv-site2", "boot-lv2", 3, 5);
        noHumidity = new Batch(
                noHumidity.formatVersion(),
                noHumidity.gatewayId(),
                noHumidity.siteId(),
                noHumidity.bootId(),
                3,
                noHumidity.createdAt(),
                noHumidity.clockSync(),
                noHumidity.readings().stream()
                        .filter(r -> !r.sensorId().equals("room-1.rh"))
                        .toList(),
                List.of(),
                null);
        collector.clock().advance(Duration.ofSeconds(90));
        post(token, withHealth(noHumidity, 250, ClockSync.UNSYNCED));
        monitor.check(); // notices the gap; its grace starts now
        collector.clock().advance(Duration.ofSeconds(70));
        post(
                token,
                withHealth(TestBatches.school("lv-gw2", "lv-site2", "boot-lv2", 4, 5), 250, ClockSync.UNSYNCED)
                                .readings()
                                .isEmpty()
                        ? null
                        : withHealth(
                                onlyCo2AndTemp(TestBatches.school("lv-gw2", "lv-site2", "boot-lv2", 4, 5)),
                                250,
                                ClockSync.UNSYNCED));
        monitor.check();

        assertThat(alerts("gatewayId=lv-gw2&status=raised&ruleId=sensor-silent"))
                .singleElement()
                .satisfies(a -> assertThat(a.sensorId()).isEqualTo("room-1.rh"));
        assertThat(alerts("gatewayId=lv-gw2&status=raised&ruleId=outbox-filling"))
                .hasSize(1);
        assertThat(alerts("gatewayId=lv-gw2&status=raised&ruleId=clock-not-synced"))
                .hasSize(1);
        assertThat(alerts("gatewayId=lv-gw2&status=raised&ruleId=sequence-gap"))
                .singleElement()
                .satisfies(a -> assertThat(a.value()).isEqualTo(2.0));

        post(token, TestBatches.school("lv-gw2", "lv-site2", "boot-lv2", 1, 5));
        post(token, withHealth(TestBatches.school("lv-gw2", "lv-site2", "boot-lv2", 2, 5), 10, ClockSync.SYNCED));
        monitor.check();
        for (String rule : List.of("sensor-silent", "outbox-filling", "clock-not-synced", "sequence-gap")) {
            assertThat(alerts("gatewayId=lv-gw2&ruleId=" + rule))
                    .as(rule)
                    .singleElement()
                    .satisfies(a -> assertThat(a.status()).isEqualTo("cleared"));
        }
    }

    @Test
    void clockOffsetBeyondTheLimitIsRaisedWithTheOffsetAndClearedBelowHalfOfIt() throws Exception {
        String token = collector.register("lv-gw3", "lv-site3", SiteKind.SCHOOL).token();
        post(
                token,
                withHealth(
                        TestBatches.school("lv-gw3", "lv-site3", "boot-lv3", 0, 5),
                        0,
                        ClockSync.SYNCED,
                        Duration.ofMillis(-1_900)));
        monitor.check();
        assertThat(alerts("gatewayId=lv-gw3&ruleId=clock-offset"))
                .as("within the 2 s limit")
                .isEmpty();

        post(
                token,
                withHealth(
                        TestBatches.school("lv-gw3", "lv-site3", "boot-lv3", 1, 5),
                        0,
                        ClockSync.SYNCED,
                        Duration.ofMillis(-7_250)));
        monitor.check();
        assertThat(alerts("gatewayId=lv-gw3&status=raised&ruleId=clock-offset"))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.value()).isEqualTo(-7250.0);
                    assertThat(a.message()).contains("-7250 ms");
                });
        assertThat(collector
                        .send("GET", "/api/v1/gateways/lv-gw3", viewer, null)
                        .body())
                .contains("\"clockOffsetMs\":-7250");

        post(
                token,
                withHealth(
                        TestBatches.school("lv-gw3", "lv-site3", "boot-lv3", 2, 5),
                        0,
                        ClockSync.SYNCED,
                        Duration.ofMillis(1_500)));
        monitor.check();
        assertThat(alerts("gatewayId=lv-gw3&status=raised&ruleId=clock-offset"))
                .as("hysteresis: above half")
                .hasSize(1);

        post(
                token,
                withHealth(
                        TestBatches.school("lv-gw3", "lv-site3", "boot-lv3", 3, 5),
                        0,
                        ClockSync.SYNCED,
                        Duration.ofMillis(40)));
        monitor.check();
        assertThat(alerts("gatewayId=lv-gw3&ruleId=clock-offset"))
                .singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo("cleared"));
    }

    private static Batch onlyCo2AndTemp(Batch b) {
        return new Batch(
                b.formatVersion(),
                b.gatewayId(),
                b.siteId(),
                b.bootId(),
                b.sequence(),
                b.createdAt(),
                b.clockSync(),
                b.readings().stream()
                        .filter(r -> !r.sensorId().equals("room-1.rh"))
                        .toList(),
                List.of(),
                null);
    }
}
