package de.dos2030.iot.collector.alerts.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestWebhookReceiver;
import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.collector.alerts.delivery.Subscription;
import de.dos2030.iot.collector.alerts.delivery.WebhookSender;
import de.dos2030.iot.collector.alerts.liveness.LivenessMonitor;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A school's internet drops: 40 gateways go offline within about 10 s (and 5 at another school). Through real
 * webhooks, the school's caretaker gets one grouped notification listing all 40 and one grouped resolution when
 * they are back; a fleet-wide subscriber gets one listing both schools.
 */
class GroupingIT {
    static TestCollector collector;
    static JsonMapper json;
    static String engineer;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of(
                "test.mutable-clock", true,
                "collector.liveness.offline-after", "5m",
                "collector.routing.interval", "1h"));
        json = collector.context.getBean(JsonMapper.class);
        engineer = collector.apiToken("eng-grp", Role.ENGINEER);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    static Subscription subscribe(TestWebhookReceiver receiver, String filter) throws Exception {
        HttpResponse<String> r = collector.send(
                "POST",
                "/api/v1/subscriptions",
                engineer,
                "{\"channel\":\"webhook\",\"target\":\"" + receiver.url() + "\",\"filter\":" + filter + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json.readValue(r.body(), Subscription.class);
    }

    static AlertNotification event(TestWebhookReceiver.Received r) throws Exception {
        return json.readValue(r.body(), WebhookSender.Body.class).event();
    }

    @Test
    void fortyGatewaysOfOneSiteOfflineWithinTenSecondsBecomeOneNotificationAndOneResolution() throws Exception {
        LivenessMonitor monitor = collector.context.getBean(LivenessMonitor.class);
        RoutingWorker worker = collector.context.getBean(RoutingWorker.class);
        try (TestWebhookReceiver caretaker = new TestWebhookReceiver();
                TestWebhookReceiver fleet = new TestWebhookReceiver()) {
            subscribe(caretaker, "{\"siteId\":\"grp-site-a\"}");
            subscribe(fleet, "{}");
            Map<String, String> tokens = new LinkedHashMap<>();
            for (int i = 1; i <= 45; i++) {
                String gw = String.format("grp-gw%02d", i);
                String site = i <= 40 ? "grp-site-a" : "grp-site-b";
                tokens.put(gw, collector.register(gw, site, SiteKind.SCHOOL).token());
                collector.clock().advance(Duration.ofMillis(220)); // each falls silent a little later: 10 s in all
            }
            collector.clock().advance(Duration.ofMinutes(5).minusSeconds(9));
            for (int step = 0; step < 50; step++) {
                monitor.check();
                collector.clock().advance(Duration.ofMillis(250));
            }
            Thread.sleep(600);
            assertThat(caretaker.received).as("gathering for group-wait").isEmpty();
            assertThat(fleet.received).isEmpty();

            collector.clock().advance(Duration.ofSeconds(60));
            worker.run();
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            caretaker.accepted().size() == 1 && fleet.accepted().size() == 1);
            AlertNotification site = event(caretaker.accepted().get(0));
            assertThat(site.kind()).isEqualTo("grouped");
            assertThat(site.siteId()).isEqualTo("grp-site-a");
            assertThat(site.ruleId()).isEqualTo("gateway-offline");
            assertThat(site.gatewayId()).isEqualTo("several");
            assertThat(site.message().lines()).hasSize(41).first().isEqualTo("40 alerts gateway-offline at grp-site-a");
            for (int i = 1; i <= 40; i++) {
                assertThat(site.message()).contains(String.format(" grp-site-a grp-gw%02d gateway-offline: ", i));
            }
            AlertNotification all = event(fleet.accepted().get(0));
            assertThat(all.message().lines().findFirst())
                    .hasValue("45 alerts gateway-offline at 2 sites (grp-site-a, grp-site-b)");

            for (Map.Entry<String, String> gw : tokens.entrySet()) {
                String siteId = gw.getKey().compareTo("grp-gw40") <= 0 ? "grp-site-a" : "grp-site-b";
                HttpResponse<String> r = collector.postBatch(
                        BatchCodec.json().encode(TestBatches.school(gw.getKey(), siteId, "boot-" + gw.getKey(), 0, 1)),
                        "application/json",
                        gw.getValue());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            monitor.check();
            Thread.sleep(600);
            assertThat(caretaker.received).hasSize(1);

            collector.clock().advance(Duration.ofSeconds(61));
            worker.run();
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            caretaker.accepted().size() == 2 && fleet.accepted().size() == 2);
            AlertNotification resolved = event(caretaker.accepted().get(1));
            assertThat(resolved.kind()).isEqualTo("grouped_resolved");
            assertThat(resolved.status()).isEqualTo("cleared");
            assertThat(resolved.message().lines())
                    .hasSize(41)
                    .first()
                    .isEqualTo("40 alerts gateway-offline resolved at grp-site-a");
            assertThat(event(fleet.accepted().get(1)).kind()).isEqualTo("grouped_resolved");
            Thread.sleep(600);
            assertThat(caretaker.received).hasSize(2);
            assertThat(fleet.received).hasSize(2);
        }
    }
}
