package de.dos2030.iot.collector.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestWebhookReceiver;
import de.dos2030.iot.collector.alerts.delivery.Delivery;
import de.dos2030.iot.collector.alerts.delivery.Subscription;
import de.dos2030.iot.collector.alerts.delivery.WebhookSender;
import de.dos2030.iot.collector.alerts.delivery.WebhookSignature;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Edge alerts through ingest to webhooks: de-duplication, raise/clear pairing, lifecycle with
 * acknowledgement, signatures, retries with backoff on a moved clock, dead letters, and a slow
 * receiver that delays nobody else.
 */
class AlertDeliveryIT {
    static TestCollector collector;
    static JsonMapper json;
    static String engineer;
    static final Map<String, String> gatewayTokens = new HashMap<>();

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of(
                "test.mutable-clock",
                true,
                "collector.delivery.max-attempts",
                3,
                "collector.delivery.initial-backoff",
                "1h",
                "collector.delivery.max-backoff",
                "4h",
                "collector.delivery.timeout",
                "5s"));
        json = collector.context.getBean(JsonMapper.class);
        engineer = collector.apiToken("eng-al", Role.ENGINEER);
        for (int i = 1; i <= 6; i++) {
            gatewayTokens.put(
                    "al-gw" + i,
                    collector
                            .register("al-gw" + i, "al-site" + i, SiteKind.SCHOOL)
                            .token());
        }
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    private static void send(String gw, long seq, AlertEvent... alerts) throws Exception {
        Batch b = TestBatches.alerts(gw, "al-site" + gw.substring(5), "boot-" + gw, seq, alerts);
        HttpResponse<String> r =
                collector.postBatch(BatchCodec.json().encode(b), "application/json", gatewayTokens.get(gw));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static Subscription subscribe(String body) throws Exception {
        HttpResponse<String> r = collector.send("POST", "/api/v1/subscriptions", engineer, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json.readValue(r.body(), Subscription.class);
    }

    private static List<Delivery> deliveries(String subscriptionId) throws Exception {
        HttpResponse<String> r =
                collector.send("GET", "/api/v1/subscriptions/" + subscriptionId + "/deliveries", engineer, null);
        assertThat(r.statusCode()).isEqualTo(200);
        return json.readValue(r.body(), Argument.listOf(Delivery.class));
    }

    private static WebhookSender.Body body(TestWebhookReceiver.Received r) throws Exception {
        return json.readValue(r.body(), WebhookSender.Body.class);
    }

    @Test
    void webhookReceivesRaiseAndClearExactlyOnceWithAVerifiableSignature() throws Exception {
        try (TestWebhookReceiver receiver = new TestWebhookReceiver()) {
            Subscription sub = subscribe("{\"name\":\"caretaker\",\"channel\":\"webhook\",\"target\":\""
                    + receiver.url() + "\",\"filter\":{\"siteId\":\"al-site1\",\"minSeverity\":\"warning\"}}");
            assertThat(sub.secret()).startsWith("whsec_");
            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
            AlertEvent raise = TestBatches.co2Alert("a-1", Severity.WARNING, AlertState.RAISED, 1450, 1400, t);
            AlertEvent info = new AlertEvent(
                    "a-info", "rh-low", "room-1.rh", null, Severity.INFO, AlertState.RAISED, null, null, t, "dry");
            send("al-gw1", 0, raise, info);
            send("al-gw1", 0, raise, info); // the same batch again: the gateway did not hear the ack
            AlertEvent clear =
                    TestBatches.co2Alert("a-1", Severity.WARNING, AlertState.CLEARED, 1100, 1400, t.plusSeconds(30));
            send("al-gw1", 1, clear);
            send("al-gw1", 1, clear);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.accepted().size() >= 2);
            assertThat(deliveries(sub.id()))
                    .hasSize(2)
                    .allMatch(d -> d.status().equals("delivered") && d.attempts() == 1);
            assertThat(receiver.received).hasSize(2);
            WebhookSender.Body first = body(receiver.received.get(0));
            WebhookSender.Body second = body(receiver.received.get(1));
            assertThat(first.event().kind()).isEqualTo("raised");
            assertThat(second.event().kind()).isEqualTo("cleared");
            assertThat(first.event().alertId())
                    .isEqualTo("a-1")
                    .isEqualTo(second.event().alertId());
            assertThat(first.event().value()).isEqualTo(1450.0);
            assertThat(first.event().limit()).isEqualTo(1400.0);
            assertThat(first.event().unit()).isEqualTo("ppm");
            assertThat(first.subscriptionId()).isEqualTo(sub.id());
            for (TestWebhookReceiver.Received r : receiver.received) {
                byte[] raw = r.body().getBytes(StandardCharsets.UTF_8);
                assertThat(WebhookSignature.verify(sub.secret(), r.header("X-DOS-Signature"), raw))
                        .isTrue();
                assertThat(WebhookSignature.verify("whsec_wrong", r.header("X-DOS-Signature"), raw))
                        .isFalse();
                assertThat(r.header("X-DOS-Delivery")).isEqualTo(Long.toString(body(r).deliveryId()));
            }
            Alert alert = json.readValue(
                    collector
                            .send("GET", "/api/v1/alerts/al-gw1/a-1", engineer, null)
                            .body(),
                    Alert.class);
            assertThat(alert.status()).isEqualTo("cleared");
            assertThat(alert.events()).extracting(Alert.Step::kind).containsExactly("raised", "cleared");
        }
    }

    @Test
    void receiverDownThenUpIsRetriedAfterBackoffAndDeliveredOnce() throws Exception {
        try (TestWebhookReceiver receiver = new TestWebhookReceiver()) {
            receiver.status.set(503);
            Subscription sub = subscribe("{\"channel\":\"webhook\",\"target\":\"" + receiver.url()
                    + "\",\"filter\":{\"gatewayId\":\"al-gw2\"}}");
            send(
                    "al-gw2",
                    0,
                    TestBatches.co2Alert(
                            "b-1",
                            Severity.CRITICAL,
                            AlertState.RAISED,
                            2100,
                            2000,
                            Instant.now().minusSeconds(5)));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> deliveries(sub.id()).get(0).attempts() == 1);
            Delivery waiting = deliveries(sub.id()).get(0);
            assertThat(waiting.status()).isEqualTo("pending");
            assertThat(waiting.lastError()).contains("HTTP 503");
            assertThat(Duration.between(waiting.lastAttemptAt(), waiting.nextAttemptAt()))
                    .isEqualTo(Duration.ofHours(1));

            receiver.status.set(200);
            collector.clock().advance(Duration.ofMinutes(61));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> deliveries(sub.id()).get(0).status().equals("delivered"));
            assertThat(deliveries(sub.id()).get(0).attempts()).isEqualTo(2);
            assertThat(receiver.received).hasSize(2);
            assertThat(receiver.accepted()).hasSize(1);
            assertThat(body(receiver.received.get(0)).deliveryId())
                    .isEqualTo(body(receiver.received.get(1)).deliveryId());
        }
    }

    @Test
    void receiverNeverUpEndsAsDeadLetterVisibleThroughTheApiAndCanBeRetried() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Subscription sub = subscribe("{\"channel\":\"webhook\",\"target\":\"http://127.0.0.1:" + closedPort + "/hook\","
                + "\"filter\":{\"gatewayId\":\"al-gw3\"}}");
        send(
                "al-gw3",
                0,
                TestBatches.co2Alert(
                        "c-1",
                        Severity.WARNING,
                        AlertState.RAISED,
                        1500,
                        1400,
                        Instant.now().minusSeconds(5)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveries(sub.id()).get(0).attempts() == 1);
        collector.clock().advance(Duration.ofMinutes(61));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveries(sub.id()).get(0).attempts() == 2);
        Delivery second = deliveries(sub.id()).get(0);
        assertThat(Duration.between(second.lastAttemptAt(), second.nextAttemptAt()))
                .isEqualTo(Duration.ofHours(2));
        collector.clock().advance(Duration.ofMinutes(121));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveries(sub.id()).get(0).status().equals("dead"));
        Delivery dead = deliveries(sub.id()).get(0);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).contains("unreachable");

        Subscription status = json.readValue(
                collector
                        .send("GET", "/api/v1/subscriptions/" + sub.id(), engineer, null)
                        .body(),
                Subscription.class);
        assertThat(status.deliveries().dead()).isEqualTo(1);
        assertThat(status.deliveries().delivered()).isZero();
        assertThat(status.deliveries().lastError()).contains("unreachable");

        HttpResponse<String> retry = collector.send(
                "POST", "/api/v1/subscriptions/" + sub.id() + "/deliveries/" + dead.id() + "/retry", engineer, null);
        assertThat(retry.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveries(sub.id()).get(0).attempts() == 1
                        && deliveries(sub.id()).get(0).status().equals("pending"));
    }

    @Test
    void slowWebhookDelaysNoOtherSubscription() throws Exception {
        try (TestWebhookReceiver slow = new TestWebhookReceiver();
                TestWebhookReceiver fast = new TestWebhookReceiver()) {
            slow.holdRequests();
            Subscription slowSub = subscribe("{\"channel\":\"webhook\",\"target\":\"" + slow.url()
                    + "\",\"filter\":{\"gatewayId\":\"al-gw4\"}}");
            subscribe("{\"channel\":\"webhook\",\"target\":\"" + fast.url()
                    + "\",\"filter\":{\"gatewayId\":\"al-gw4\"}}");
            Instant t = Instant.now().minusSeconds(30);
            send("al-gw4", 0, TestBatches.co2Alert("d-1", Severity.WARNING, AlertState.RAISED, 1500, 1400, t));
            send(
                    "al-gw4",
                    1,
                    TestBatches.co2Alert("d-1", Severity.WARNING, AlertState.CLEARED, 1000, 1400, t.plusSeconds(10)));

            await().atMost(Duration.ofSeconds(5)).until(() -> fast.accepted().size() == 2);
            assertThat(slow.received).isEmpty(); // still held by the slow receiver
            assertThat(deliveries(slowSub.id())).allMatch(d -> d.status().equals("pending"));
            slow.release();
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.accepted().size() == 2);
            assertThat(body(slow.received.get(0)).event().kind()).isEqualTo("raised");
            assertThat(body(slow.received.get(1)).event().kind()).isEqualTo("cleared");
        }
    }

    @Test
    void lifecycleRaisedEscalatedAcknowledgedClearedIsVisibleThroughTheApi() throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(120);
        send("al-gw5", 0, TestBatches.co2Alert("e-1", Severity.WARNING, AlertState.RAISED, 1450, 1400, t));
        send(
                "al-gw5",
                1,
                TestBatches.co2Alert("e-1", Severity.CRITICAL, AlertState.RAISED, 2050, 2000, t.plusSeconds(30)));
        assertThat(collector
                        .send("GET", "/api/v1/alerts/active?siteId=al-site5", engineer, null)
                        .body())
                .contains("\"alertId\":\"e-1\"")
                .contains("\"status\":\"raised\"")
                .contains("\"severity\":\"critical\"");

        HttpResponse<String> ack = collector.send(
                "POST", "/api/v1/alerts/al-gw5/e-1/acknowledge", engineer, "{\"note\":\"windows opened\"}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(ack.body()).contains("\"status\":\"acknowledged\"").contains("\"acknowledgedBy\":\"eng-al\"");
        assertThat(collector
                        .send("POST", "/api/v1/alerts/al-gw5/e-1/acknowledge", engineer, null)
                        .statusCode())
                .isEqualTo(409);
        assertThat(collector
                        .send("POST", "/api/v1/alerts/al-gw5/nope/acknowledge", engineer, null)
                        .statusCode())
                .isEqualTo(404);

        send(
                "al-gw5",
                2,
                TestBatches.co2Alert("e-1", Severity.CRITICAL, AlertState.CLEARED, 900, 2000, t.plusSeconds(300)));
        send(
                "al-gw5",
                0,
                TestBatches.co2Alert("e-1", Severity.WARNING, AlertState.RAISED, 1450, 1400, t)); // late re-send
        Alert a = json.readValue(
                collector
                        .send("GET", "/api/v1/alerts/al-gw5/e-1", engineer, null)
                        .body(),
                Alert.class);
        assertThat(a.status()).isEqualTo("cleared");
        assertThat(a.maxSeverity()).isEqualTo("critical");
        assertThat(a.raisedAt()).isEqualTo(t);
        assertThat(a.clearedAt()).isEqualTo(t.plusSeconds(300));
        assertThat(a.ackNote()).isEqualTo("windows opened");
        assertThat(a.events())
                .extracting(Alert.Step::kind)
                .containsExactly("raised", "severity_changed", "acknowledged", "cleared");
        assertThat(collector
                        .send("GET", "/api/v1/alerts/active?siteId=al-site5", engineer, null)
                        .body())
                .isEqualTo("[]");
        assertThat(collector
                        .send(
                                "GET",
                                "/api/v1/alerts?status=cleared&siteId=al-site5&minSeverity=critical",
                                engineer,
                                null)
                        .body())
                .contains("\"alertId\":\"e-1\"");
        assertThat(collector
                        .send("POST", "/api/v1/alerts/al-gw5/e-1/acknowledge", engineer, null)
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void aClearThatOvertakesItsRaiseStillDeliversBothExactlyOnce() throws Exception {
        try (TestWebhookReceiver receiver = new TestWebhookReceiver()) {
            Subscription sub = subscribe("{\"channel\":\"webhook\",\"target\":\"" + receiver.url()
                    + "\",\"filter\":{\"gatewayId\":\"al-gw6\"}}");
            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(90);
            AlertEvent raise = TestBatches.co2Alert("f-1", Severity.WARNING, AlertState.RAISED, 1450, 1400, t);
            AlertEvent clear =
                    TestBatches.co2Alert("f-1", Severity.WARNING, AlertState.CLEARED, 950, 1400, t.plusSeconds(60));
            send("al-gw6", 1, clear); // processed first, as after a collector restart with a backlog
            send("al-gw6", 0, raise);
            send("al-gw6", 0, raise); // and re-sent: still once

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.accepted().size() >= 2);
            assertThat(deliveries(sub.id())).hasSize(2).allMatch(d -> d.status().equals("delivered"));
            assertThat(receiver.received)
                    .extracting(r -> body(r).event().kind())
                    .containsExactlyInAnyOrder("raised", "cleared");
            Alert a = json.readValue(
                    collector
                            .send("GET", "/api/v1/alerts/al-gw6/f-1", engineer, null)
                            .body(),
                    Alert.class);
            assertThat(a.status()).isEqualTo("cleared");
            assertThat(a.raisedAt()).isEqualTo(t);
        }
    }
}
