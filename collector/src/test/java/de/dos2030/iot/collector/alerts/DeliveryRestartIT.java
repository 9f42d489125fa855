package de.dos2030.iot.collector.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestWebhookReceiver;
import de.dos2030.iot.collector.alerts.delivery.Delivery;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A pending delivery survives a collector restart and is delivered once by the restarted collector. */
class DeliveryRestartIT {
    static final Map<String, Object> CONFIG =
            Map.of("test.mutable-clock", true, "collector.delivery.initial-backoff", "1h");

    @Test
    void pendingDeliveryIsDeliveredOnceAfterARestartAndAReSentEventAddsNone() throws Exception {
        String db = "it_restart_" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        AlertEvent raise = TestBatches.co2Alert(
                "r-1",
                Severity.CRITICAL,
                AlertState.RAISED,
                2200,
                2000,
                Instant.now().minusSeconds(10));
        byte[] batch = BatchCodec.json().encode(TestBatches.alerts("rs-gw", "rs-site", "boot-rs", 0, raise));
        try (TestWebhookReceiver receiver = new TestWebhookReceiver()) {
            receiver.status.set(500);
            String gatewayToken;
            String engineer;
            String subscriptionId;
            try (TestCollector first = new TestCollector(CONFIG, db, false)) {
                gatewayToken =
                        first.register("rs-gw", "rs-site", SiteKind.BRIDGE).token();
                engineer = first.apiToken("eng-rs", Role.ENGINEER);
                HttpResponse<String> sub = first.send(
                        "POST",
                        "/api/v1/subscriptions",
                        engineer,
                        "{\"channel\":\"webhook\",\"target\":\"" + receiver.url() + "\"}");
                subscriptionId = sub.body().replaceAll(".*\"id\":\"(sub-[0-9a-f]+)\".*", "$1");
                assertThat(first.postBatch(batch, "application/json", gatewayToken)
                                .statusCode())
                        .isEqualTo(200);
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 1);
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> deliveries(first, engineer, subscriptionId)
                                        .get(0)
                                        .attempts()
                                == 1);
            }
            receiver.status.set(200);
            try (TestCollector second = new TestCollector(CONFIG, db, true)) {
                assertThat(second.postBatch(batch, "application/json", gatewayToken)
                                .statusCode())
                        .isEqualTo(200); // re-sent
                second.clock().advance(Duration.ofMinutes(61));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> receiver.accepted().size() == 1);
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> deliveries(second, engineer, subscriptionId)
                                .get(0)
                                .status()
                                .equals("delivered"));
                List<Delivery> all = deliveries(second, engineer, subscriptionId);
                assertThat(all).hasSize(1);
                assertThat(all.get(0).attempts()).isEqualTo(2);
                assertThat(receiver.received).hasSize(2);
                assertThat(receiver.accepted()).hasSize(1);
            }
        }
    }

    private static List<Delivery> deliveries(TestCollector c, String token, String subscriptionId) throws Exception {
        HttpResponse<String> r = c.send("GET", "/api/v1/subscriptions/" + subscriptionId + "/deliveries", token, null);
        return c.context.getBean(JsonMapper.class).readValue(r.body(), Argument.listOf(Delivery.class));
    }
}
