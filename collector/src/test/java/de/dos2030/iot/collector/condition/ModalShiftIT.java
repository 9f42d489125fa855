package de.dos2030.iot.collector.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestWebhookReceiver;
import de.dos2030.iot.collector.alerts.Alert;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Through the real ingest (HTTP door, InfluxDB, relational store): three days of a simulated bridge, the
 * collector restarted after the first two (baseline learned, detectors persisted), then a 3 % stiffness
 * loss of the first mode ends in a {@code modal-shift} alert on the alert API and at a webhook subscriber;
 * the condition summary, its
 * CSV, the baselines and the re-learn request answer as documented.
 */
class ModalShiftIT {
    private static final Map<String, Object> CONDITION = Map.of(
            "collector.condition.learning-period", "1d",
            "collector.condition.min-duration", "2h");

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String site = "bridge-it-" + suffix;
    private final String gateway = "gw-modal-" + suffix;
    private final String database = "it_modal_" + suffix.replace("-", "");
    private long sequence;

    private void send(TestCollector c, String token, List<Reading> readings) throws Exception {
        Batch b = new Batch(
                Batch.FORMAT_VERSION,
                gateway,
                site,
                "boot-1",
                sequence++,
                readings.get(readings.size() - 1).time(),
                ClockSync.SYNCED,
                readings,
                List.of(),
                null);
        HttpResponse<String> r = c.postBatch(BatchCodec.json().encode(b), "application/json", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private void run(TestCollector c, String token, BridgeSimulation bridge, Duration d) throws Exception {
        Instant end = bridge.now().plus(d);
        while (bridge.now().isBefore(end)) {
            send(c, token, bridge.next(120));
        }
    }

    private PlaceReport bridgePlace() {
        return new PlaceReport(
                SiteKind.BRIDGE,
                "Testbrücke " + suffix,
                "Ruhrtal, Schwerte",
                51.44,
                7.56,
                "Europe/Berlin",
                List.of(new PlaceReport.Location("field-2", LocationKind.SECTION, "Feld 2", null, null, 42.0)),
                Map.of(BridgeSimulation.ACC, "field-2"));
    }

    @Test
    void aStiffnessLossSentThroughTheHttpDoorEndsInAModalShiftAlertOnTheAlertApi() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
        BridgeSimulation bridge = new BridgeSimulation(7, start, Duration.ofSeconds(60));
        String token;
        try (TestCollector first = new TestCollector(CONDITION, database, false)) {
            token = first.register(gateway, site, SiteKind.BRIDGE).token();
            run(first, token, bridge, Duration.ofDays(2));
            String viewer = first.apiToken("cond-viewer-" + suffix, Role.VIEWER);
            HttpResponse<String> baselines = first.get("/api/v1/sites/" + site + "/condition/baselines", viewer);
            assertThat(baselines.statusCode()).as(baselines.body()).isEqualTo(200);
            List<Baseline> learned = first.context
                    .getBean(JsonMapper.class)
                    .readValue(baselines.body(), Argument.listOf(Baseline.class));
            assertThat(learned).extracting(Baseline::feature).contains("f1", "f2", "f3", "strain", "tilt");
            assertThat(learned).allMatch(b -> b.version() == 1);
        }

        try (TestCollector second = new TestCollector(CONDITION, database, true)) {
            JsonMapper json = second.context.getBean(JsonMapper.class);
            String viewer = second.apiToken("cond-viewer2-" + suffix, Role.VIEWER);
            String engineer = second.apiToken("cond-engineer-" + suffix, Role.ENGINEER);
            TestWebhookReceiver receiver = new TestWebhookReceiver();
            HttpResponse<String> sub = second.send(
                    "POST",
                    "/api/v1/subscriptions",
                    engineer,
                    "{\"channel\":\"webhook\",\"target\":\"" + receiver.url() + "\",\"filter\":{\"siteId\":\"" + site
                            + "\"}}");
            assertThat(sub.statusCode()).as(sub.body()).isEqualTo(201);
            Instant damagedAt = bridge.now();
            bridge.damage(0, 0.03);
            run(second, token, bridge, Duration.ofHours(23));
            // The same subscriptions as every other alert: the raise reaches the engineer's webhook.
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !receiver.accepted().isEmpty());
            assertThat(receiver.accepted()).hasSize(1);
            assertThat(receiver.accepted().get(0).body())
                    .contains("modal-shift")
                    .contains("acc-1");
            receiver.close();

            HttpResponse<String> r = second.get("/api/v1/alerts?status=all&ruleId=modal-shift&siteId=" + site, viewer);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<Alert> alerts = json.readValue(r.body(), Argument.listOf(Alert.class));
            assertThat(alerts).hasSize(1);
            Alert a = alerts.get(0);
            assertThat(a.status()).isEqualTo("raised");
            assertThat(a.sensorId()).isEqualTo(BridgeSimulation.ACC);
            assertThat(a.quantity()).isEqualTo("mode_f1_frequency");
            assertThat(a.source()).isEqualTo("server");
            assertThat(a.raisedAt()).isAfter(damagedAt).isBefore(damagedAt.plus(Duration.ofHours(12)));
            assertThat(a.message()).contains("f1 of sensor 'acc-1'").contains("%");

            HttpResponse<String> summary = second.get("/api/v1/sites/" + site + "/condition", viewer);
            assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
            ConditionSummary s = json.readValue(summary.body(), ConditionSummary.class);
            FeatureStatus f1 = s.modes().stream()
                    .filter(m -> m.feature().equals("f1"))
                    .findFirst()
                    .orElseThrow();
            assertThat(f1.state()).isEqualTo("shifted");
            assertThat(f1.residualPercent()).isBetween(-1.8, -1.2);
            assertThat(s.offsets()).extracting(FeatureStatus::state).containsOnly("ok");

            HttpResponse<String> csv = second.get("/api/v1/sites/" + site + "/condition.csv", viewer);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.body()).startsWith("site,sensor,feature,unit,state,").contains(",f1,Hz,shifted,");

            assertThat(second.send("POST", "/api/v1/sites/" + site + "/condition/baselines/relearn", viewer, "{}")
                            .statusCode())
                    .isEqualTo(403);
            HttpResponse<String> bad = second.send(
                    "POST", "/api/v1/sites/" + site + "/condition/baselines/relearn", engineer, "{\"feature\":\"f9\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("feature 'f9' is unknown (allowed: f1, f2, f3, strain, tilt)");
            HttpResponse<String> relearn = second.send(
                    "POST",
                    "/api/v1/sites/" + site + "/condition/baselines/relearn",
                    engineer,
                    "{\"sensorId\":\"acc-1\",\"feature\":\"f1\"}");
            assertThat(relearn.statusCode()).as(relearn.body()).isEqualTo(202);
            assertThat(relearn.body()).contains("\"sensorId\":\"acc-1\"").contains("\"feature\":\"f1\"");
            assertThat(second.get("/api/v1/sites/no-such-bridge/condition", viewer)
                            .statusCode())
                    .isEqualTo(404);
        }
    }
}
