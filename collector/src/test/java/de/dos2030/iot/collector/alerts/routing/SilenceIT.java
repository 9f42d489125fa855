package de.dos2030.iot.collector.alerts.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestWebhookReceiver;
import de.dos2030.iot.collector.alerts.Alert;
import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.collector.alerts.AlertService;
import de.dos2030.iot.collector.alerts.AlertSignal;
import de.dos2030.iot.collector.alerts.delivery.WebhookSender;
import de.dos2030.iot.collector.alerts.liveness.LivenessMonitor;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Maintenance silences on a moved clock through a real webhook: steps inside are recorded as silenced and visible
 * in the alert API, not delivered; the liveness rules keep quiet for the scope; a silence expires by itself or is
 * ended, and delivery resumes.
 */
class SilenceIT {
    static TestCollector collector;
    static JsonMapper json;
    static String engineer;
    static String viewer;
    static AlertService alerts;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of(
                "test.mutable-clock", true,
                "collector.liveness.offline-after", "5m",
                "collector.routing.interval", "1h"));
        json = collector.context.getBean(JsonMapper.class);
        engineer = collector.apiToken("eng-sil", Role.ENGINEER);
        viewer = collector.apiToken("view-sil", Role.VIEWER);
        alerts = collector.context.getBean(AlertService.class);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    static void raise(String gateway, String site, String sensor, String alertId, AlertState state) {
        alerts.record(new AlertSignal(
                AlertSignal.Source.EDGE,
                gateway,
                site,
                "bridge",
                alertId,
                "strain-high",
                sensor,
                "strain",
                Severity.WARNING,
                state,
                410.0,
                400.0,
                collector.clock().instant().truncatedTo(ChronoUnit.MILLIS),
                "strain " + state));
    }

    static HttpResponse<String> call(String method, String path, String body) throws Exception {
        return collector.send(method, path, engineer, body);
    }

    static Silence silence(String body) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/silences", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json.readValue(r.body(), Silence.class);
    }

    static void subscribe(TestWebhookReceiver receiver, String site) throws Exception {
        HttpResponse<String> r = call(
                "POST",
                "/api/v1/subscriptions",
                "{\"channel\":\"webhook\",\"target\":\"" + receiver.url() + "\",\"filter\":{\"siteId\":\"" + site
                        + "\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    static List<String> delivered(TestWebhookReceiver receiver) throws Exception {
        Thread.sleep(600); // the dispatcher runs on its own thread: give a wrong delivery time to arrive
        List<String> out = new java.util.ArrayList<>();
        for (TestWebhookReceiver.Received r : receiver.accepted()) {
            AlertNotification n =
                    json.readValue(r.body(), WebhookSender.Body.class).event();
            out.add(n.alertId() + " " + n.kind());
        }
        return out;
    }

    @Test
    void stepsInsideASilenceAreRecordedAsSilencedNotDeliveredAndDeliveryResumesWhenItExpires() throws Exception {
        try (TestWebhookReceiver receiver = new TestWebhookReceiver()) {
            subscribe(receiver, "sil-site");
            Silence gateway = silence("{\"scope\":\"gateway\",\"gatewayId\":\"sil-gw1\",\"duration\":\"PT1H\","
                    + "\"reason\":\"Dehnungsmessstreifen werden getauscht\"}");
            assertThat(gateway.active()).isTrue();
            assertThat(gateway.endsAt()).isEqualTo(gateway.createdAt().plus(Duration.ofHours(1)));
            Silence sensor = silence("{\"scope\":\"sensor\",\"gatewayId\":\"sil-gw2\",\"sensorId\":\"deck.strain-1\","
                    + "\"duration\":\"PT1H\",\"reason\":\"recalibration\"}");

            raise("sil-gw1", "sil-site", "deck.strain-1", "s-1", AlertState.RAISED);
            raise("sil-gw2", "sil-site", "deck.strain-1", "s-2", AlertState.RAISED);
            raise("sil-gw2", "sil-site", "deck.strain-2", "s-3", AlertState.RAISED);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.accepted().size() == 1);
            raise("sil-gw1", "sil-site", "deck.strain-1", "s-1", AlertState.CLEARED); // its raise was silenced
            assertThat(delivered(receiver)).containsExactly("s-3 raised");

            HttpResponse<String> silenced = collector.send("GET", "/api/v1/alerts/silenced", viewer, null);
            assertThat(silenced.statusCode()).isEqualTo(200);
            List<Silences.SilencedStep> steps =
                    json.readValue(silenced.body(), Argument.listOf(Silences.SilencedStep.class));
            assertThat(steps)
                    .extracting(s -> s.step().alertId() + " " + s.step().kind() + " " + s.silenceId())
                    .containsExactly(
                            "s-1 cleared " + gateway.id(), "s-2 raised " + sensor.id(), "s-1 raised " + gateway.id());
            Alert recorded = json.readValue(
                    collector
                            .send("GET", "/api/v1/alerts/sil-gw1/s-1", viewer, null)
                            .body(),
                    Alert.class);
            assertThat(recorded.status()).as("recorded all the same").isEqualTo("cleared");

            collector.clock().advance(Duration.ofMinutes(61));
            List<Silence> active = json.readValue(
                    collector
                            .send("GET", "/api/v1/silences?active=true", viewer, null)
                            .body(),
                    Argument.listOf(Silence.class));
            assertThat(active).extracting(Silence::id).doesNotContain(gateway.id(), sensor.id());
            assertThat(json.readValue(
                                    call("GET", "/api/v1/silences/" + gateway.id(), null)
                                            .body(),
                                    Silence.class)
                            .active())
                    .isFalse();
            HttpResponse<String> endExpired = call("DELETE", "/api/v1/silences/" + gateway.id(), null);
            assertThat(endExpired.statusCode()).isEqualTo(409);
            assertThat(endExpired.body()).contains("is over already (ended by itself at " + gateway.endsAt());

            raise("sil-gw1", "sil-site", "deck.strain-1", "s-4", AlertState.RAISED);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.accepted().size() == 2);
            assertThat(delivered(receiver)).containsExactly("s-3 raised", "s-4 raised");
        }
    }

    @Test
    void theLivenessRulesKeepQuietInsideASilenceAndSpeakOnceItIsEnded() throws Exception {
        LivenessMonitor monitor = collector.context.getBean(LivenessMonitor.class);
        RoutingWorker worker = collector.context.getBean(RoutingWorker.class);
        try (TestWebhookReceiver receiver = new TestWebhookReceiver()) {
            subscribe(receiver, "sil-live");
            collector.register("sil-live-gw", "sil-live", SiteKind.BRIDGE);
            Silence site = silence(
                    "{\"scope\":\"site\",\"siteId\":\"sil-live\",\"duration\":\"PT2H\",\"reason\":\"Netzumbau\"}");
            collector.clock().advance(Duration.ofMinutes(6));
            monitor.check();
            assertThat(openAlerts("sil-live-gw")).as("offline, but silenced").isEmpty();

            HttpResponse<String> ended = call("DELETE", "/api/v1/silences/" + site.id(), null);
            assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
            Silence after = json.readValue(ended.body(), Silence.class);
            assertThat(after.active()).isFalse();
            assertThat(after.endedBy()).isEqualTo("eng-sil");

            monitor.check();
            assertThat(openAlerts("sil-live-gw")).extracting(Alert::ruleId).containsExactly("gateway-offline");
            collector.clock().advance(Duration.ofSeconds(61)); // gateway-offline is gathered for group-wait
            worker.run();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.accepted().size() == 1);
            assertThat(delivered(receiver)).singleElement().asString().endsWith(" raised");
        }
    }

    private static List<Alert> openAlerts(String gateway) throws Exception {
        HttpResponse<String> r = collector.send("GET", "/api/v1/alerts/active?gatewayId=" + gateway, viewer, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readValue(r.body(), Argument.listOf(Alert.class));
    }

    @Test
    void aSilenceWithBadFieldsIsRefusedNamingTheFieldAndViewersMayNotCreateOne() throws Exception {
        HttpResponse<String> scope =
                call("POST", "/api/v1/silences", "{\"scope\":\"planet\",\"duration\":\"PT1H\",\"reason\":\"x\"}");
        assertThat(scope.statusCode()).isEqualTo(400);
        assertThat(scope.body()).contains("scope 'planet' is unknown (allowed: site, gateway, sensor)");
        HttpResponse<String> both = call(
                "POST",
                "/api/v1/silences",
                "{\"scope\":\"site\",\"siteId\":\"s\",\"duration\":\"PT1H\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"reason\":\"x\"}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("give exactly one of endsAt");
        HttpResponse<String> tooLong = call(
                "POST",
                "/api/v1/silences",
                "{\"scope\":\"site\",\"siteId\":\"s\",\"duration\":\"P200D\",\"reason\":\"x\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("longer than 90 days");
        HttpResponse<String> noSensor = call(
                "POST",
                "/api/v1/silences",
                "{\"scope\":\"sensor\",\"gatewayId\":\"g\",\"duration\":\"PT1H\",\"reason\":\"x\"}");
        assertThat(noSensor.statusCode()).isEqualTo(400);
        assertThat(noSensor.body()).contains("sensorId is required");
        HttpResponse<String> byViewer = collector.send(
                "POST",
                "/api/v1/silences",
                viewer,
                "{\"scope\":\"site\",\"siteId\":\"s\",\"duration\":\"PT1H\",\"reason\":\"x\"}");
        assertThat(byViewer.statusCode()).isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/silences/sil-nope", null).statusCode())
                .isEqualTo(404);
    }
}
