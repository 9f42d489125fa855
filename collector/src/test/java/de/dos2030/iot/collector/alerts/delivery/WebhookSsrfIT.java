package de.dos2030.iot.collector.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.collector.TestWebhookReceiver;
import de.dos2030.iot.collector.alerts.AlertFilter;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Severity;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15, finding 3: an engineer's webhook pointed at the collector's own network ({@code
 * http://127.0.0.1:<influx>/query?q=CREATE DATABASE x}) made InfluxDB run it when an alert fired. Now such a
 * target is refused when the subscription is made, and again at connect time, against the very address
 * connected to (a subscription whose name resolved elsewhere when it was made, as with DNS rebinding).
 */
class WebhookSsrfIT {
    static TestCollector collector;
    static JsonMapper json;
    static String engineer;
    static String gatewayToken;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of("collector.delivery.allowed-private-targets", ""));
        json = collector.context.getBean(JsonMapper.class);
        engineer = collector.apiToken("eng-ssrf", Role.ENGINEER);
        gatewayToken =
                collector.register("ssrf-gw", "ssrf-site", SiteKind.SCHOOL).token();
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:18086/query?q=CREATE%20DATABASE%20ssrf_attack",
                "http://localhost:18086/query?q=CREATE%20DATABASE%20ssrf_attack",
                "http://[::1]:18086/query",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.20.30.40:8080/",
                "http://0.0.0.0:18086/"
            })
    void refusesATargetInOurOwnNetworkWhenTheSubscriptionIsMade(String target) throws Exception {
        HttpResponse<String> r = collector.send(
                "POST",
                "/api/v1/subscriptions",
                engineer,
                "{\"name\":\"ssrf\",\"channel\":\"webhook\",\"target\":\"" + target + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("is not a public address");
        try (TestInflux influx = new TestInflux(TestInflux.DEV_URL, collector.database)) {
            assertThat(influx.rows("SHOW DATABASES").toString()).doesNotContain("ssrf_attack");
        }
    }

    @Test
    void refusesAtConnectTimeWhatResolvesToOurNetworkNowAndTellsOnlyThat() throws Exception {
        try (TestWebhookReceiver receiver = new TestWebhookReceiver()) {
            // As if the name had resolved to a public address when the subscription was made.
            Subscription rebound = new Subscription(
                    "sub-ssrf-rebound",
                    "eng-ssrf",
                    "rebound",
                    "webhook",
                    receiver.url(),
                    AlertFilter.ANY,
                    true,
                    Instant.now(),
                    "de",
                    "json",
                    "whsec_test",
                    null);
            collector.context.getBean(SubscriptionStore.class).insert(rebound);

            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
            HttpResponse<String> r = collector.postBatch(
                    BatchCodec.json()
                            .encode(TestBatches.alerts(
                                    "ssrf-gw",
                                    "ssrf-site",
                                    "boot-ssrf",
                                    0,
                                    TestBatches.co2Alert(
                                            "a-ssrf", Severity.WARNING, AlertState.RAISED, 1450, 1400, t))),
                    "application/json",
                    gatewayToken);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !deliveries(rebound.id()).isEmpty()
                            && deliveries(rebound.id()).get(0).lastError() != null);
            Delivery d = deliveries(rebound.id()).get(0);
            assertThat(d.status()).isNotEqualTo("delivered");
            assertThat(d.lastError()).contains("is not a public address").doesNotContain("127.0.0.1:");
            assertThat(receiver.received).as("nothing reached the receiver").isEmpty();
        }
    }

    private static List<Delivery> deliveries(String subscriptionId) throws Exception {
        HttpResponse<String> r =
                collector.send("GET", "/api/v1/subscriptions/" + subscriptionId + "/deliveries", engineer, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readValue(r.body(), Argument.listOf(Delivery.class));
    }
}
