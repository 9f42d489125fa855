package de.dos2030.iot.collector.alerts.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestWebhookReceiver;
import de.dos2030.iot.collector.alerts.AlertService;
import de.dos2030.iot.collector.alerts.AlertSignal;
import de.dos2030.iot.collector.alerts.delivery.Subscription;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Severity;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A tier that was told is not told again by a restarted collector; the next tier still comes, once. */
class EscalationRestartIT {
    static final Map<String, Object> CONFIG = Map.of("test.mutable-clock", true, "collector.routing.interval", "1h");

    private static Subscription subscribe(TestCollector c, String token, TestWebhookReceiver r) throws Exception {
        HttpResponse<String> res = c.send(
                "POST",
                "/api/v1/subscriptions",
                token,
                "{\"channel\":\"webhook\",\"target\":\"" + r.url() + "\",\"filter\":{\"siteId\":\"rst-nowhere\"}}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        return c.context.getBean(JsonMapper.class).readValue(res.body(), Subscription.class);
    }

    @Test
    void eachTierIsToldOnceAlsoAcrossARestart() throws Exception {
        String db = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (TestWebhookReceiver tier1 = new TestWebhookReceiver();
                TestWebhookReceiver tier2 = new TestWebhookReceiver()) {
            try (TestCollector first = new TestCollector(CONFIG, db, false)) {
                String token = first.apiToken("eng-rst", Role.ENGINEER);
                Subscription s1 = subscribe(first, token, tier1);
                Subscription s2 = subscribe(first, token, tier2);
                HttpResponse<String> esc = first.send(
                        "POST",
                        "/api/v1/escalations",
                        token,
                        "{\"filter\":{\"siteId\":\"rst-site\"},\"tiers\":[{\"after\":\"PT10M\",\"subscriptionId\":\""
                                + s1.id() + "\"},{\"after\":\"PT20M\",\"subscriptionId\":\"" + s2.id() + "\"}]}");
                assertThat(esc.statusCode()).as(esc.body()).isEqualTo(201);
                // raised 11 minutes ago (the restarted collector's clock starts at the real time again)
                first.context
                        .getBean(AlertService.class)
                        .record(new AlertSignal(
                                AlertSignal.Source.EDGE,
                                "rst-gw",
                                "rst-site",
                                "bridge",
                                "r-1",
                                "tilt-high",
                                "pier.tilt",
                                "tilt",
                                Severity.CRITICAL,
                                AlertState.RAISED,
                                0.9,
                                0.5,
                                first.clock()
                                        .instant()
                                        .minus(Duration.ofMinutes(11))
                                        .truncatedTo(ChronoUnit.MILLIS),
                                "tilt"));
                // AlertService stores the raise time as the edge sent it; the worker compares with the clock
                first.context.getBean(RoutingWorker.class).run();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> tier1.accepted().size() == 1);
            }
            try (TestCollector second = new TestCollector(CONFIG, db, true)) {
                RoutingWorker worker = second.context.getBean(RoutingWorker.class);
                worker.run();
                Thread.sleep(600);
                assertThat(tier1.received).as("told before the restart").hasSize(1);
                assertThat(tier2.received).isEmpty();
                second.clock().advance(Duration.ofMinutes(10));
                worker.run();
                worker.run();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> tier2.accepted().size() == 1);
                Thread.sleep(600);
                assertThat(tier1.received).hasSize(1);
                assertThat(tier2.received).hasSize(1);
            }
        }
    }
}
