package de.dos2030.iot.collector.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.fleet.FleetFixtures.SimGateway;
import de.dos2030.iot.model.FleetChange;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Staged rollouts against the real collector: simulated gateways pull their desired state over HTTP and report
 * the outcome in health batches through the HTTP ingest door, as edge agents do.
 */
class RolloutIT {
    static TestCollector collector;
    static JsonMapper json;
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    static final String SITE = "ro-site-" + SUFFIX;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of(
                "collector.fleet.rollout-interval", "100ms",
                "collector.fleet.rollout-lease", "5s"));
        json = collector.context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    private static Map<String, SimGateway> gateways(String prefix, int n, FleetChange.Outcome canaryAnswer) {
        Map<String, SimGateway> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i + "-" + SUFFIX;
            String token = collector.register(id, SITE, SiteKind.SCHOOL).token();
            out.put(
                    id,
                    new SimGateway(
                            collector,
                            id,
                            SITE,
                            token,
                            i == 0 ? canaryAnswer : FleetChange.Outcome.COMMITTED,
                            new ArrayList<>()));
        }
        return out;
    }

    private static Map<?, ?> runUntilDone(String rolloutId, Map<String, SimGateway> gws) throws Exception {
        Map<?, ?>[] last = new Map<?, ?>[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    for (SimGateway g : gws.values()) {
                        g.step();
                    }
                    last[0] = rollout(rolloutId);
                    return !"running".equals(last[0].get("status"));
                });
        return last[0];
    }

    @Test
    void aCanaryThatRollsBackStopsTheRolloutWithItsReasonAndTheOthersAreNeverAsked() throws Exception {
        Map<String, SimGateway> gws = gateways("ro-fail", 4, FleetChange.Outcome.ROLLED_BACK);
        String canary = gws.keySet().iterator().next();

        Map<?, ?> started = start(Map.of(
                "kind",
                "config",
                "yaml",
                FleetFixtures.schoolTemplate(),
                "gateways",
                List.copyOf(gws.keySet()),
                "percentSteps",
                List.of(50, 100),
                "pace",
                "PT0S",
                "watch",
                "PT30S"));
        Map<?, ?> done = runUntilDone((String) started.get("id"), gws);

        assertThat(done.get("status")).isEqualTo("failed");
        assertThat((String) done.get("reason"))
                .contains(canary)
                .contains("rolled-back")
                .contains("sensor r204-air did not answer after the change");
        List<Map<?, ?>> members = members(done);
        assertThat(members.get(0).get("status")).isEqualTo("rolled-back");
        assertThat(members.subList(1, members.size()))
                .allSatisfy(m -> assertThat(m.get("status")).isEqualTo("waiting"));
        for (String other : List.copyOf(gws.keySet()).subList(1, gws.size())) {
            assertThat(collector
                            .get("/admin/gateways/" + other + "/config", TestCollector.ADMIN_TOKEN)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(gws.get(other).applied()).isEmpty();
        }
        assertThat(collector
                        .get("/admin/fleet/drift", TestCollector.ADMIN_TOKEN)
                        .body())
                .contains("\"state\":\"rolled-back\"");
    }

    @Test
    void aHealthyRolloutReachesEveryGatewayStepByStepAfterTheCanary() throws Exception {
        Map<String, SimGateway> gws = gateways("ro-ok", 5, FleetChange.Outcome.COMMITTED);
        List<String> ids = List.copyOf(gws.keySet());

        Map<?, ?> started = start(Map.of(
                "yaml",
                FleetFixtures.schoolTemplate(),
                "gateways",
                ids,
                "canary",
                ids.get(2),
                "percentSteps",
                List.of(20, 60, 100),
                "pace",
                "PT0.5S",
                "watch",
                "PT30S"));
        Map<?, ?> done = runUntilDone((String) started.get("id"), gws);

        assertThat(done.get("status")).as(String.valueOf(done)).isEqualTo("completed");
        List<?> steps = (List<?>) done.get("steps");
        assertThat(steps).hasSize(3); // the canary; 20 % of 5 adds nobody; 60 % and 100 % add two each
        assertThat(stepGateways(steps.get(0))).containsExactly(ids.get(2));
        assertThat(stepGateways(steps.get(1))).hasSize(2);
        assertThat(stepGateways(steps.get(2))).hasSize(2);
        assertThat(members(done)).allSatisfy(m -> assertThat(m.get("status")).isEqualTo("committed"));
        Instant canaryDone = Instant.parse((String) members(done).get(0).get("doneAt"));
        Instant secondSent = Instant.parse((String) members(done).get(1).get("sentAt"));
        assertThat(secondSent).isAfterOrEqualTo(canaryDone.plusMillis(500)); // paced
        for (String id : ids) {
            assertThat(collector
                            .get("/admin/gateways/" + id + "/config", TestCollector.ADMIN_TOKEN)
                            .body())
                    .contains("id: \"" + id + "\"");
        }
    }

    @Test
    void aRolloutThatDoesNotPassForEveryGatewayIsRefusedWholeAndARunningOneCanBeCancelled() throws Exception {
        String school = "ro-school-" + SUFFIX;
        String bridge = "ro-bridge-" + SUFFIX;
        collector.register(school, SITE, SiteKind.SCHOOL);
        collector.register(bridge, SITE, SiteKind.BRIDGE);

        HttpResponse<String> refused = collector.send(
                "POST",
                "/admin/rollouts",
                TestCollector.ADMIN_TOKEN,
                json.writeValueAsString(
                        Map.of("yaml", FleetFixtures.schoolTemplate(), "gateways", List.of(school, bridge))));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).containsPattern(bridge + "\\.yaml:\\d+:\\d+: site\\.kind: 'school'");
        HttpResponse<String> badSteps = collector.send(
                "POST",
                "/admin/rollouts",
                TestCollector.ADMIN_TOKEN,
                json.writeValueAsString(Map.of(
                        "yaml",
                        FleetFixtures.schoolTemplate(),
                        "gateways",
                        List.of(school),
                        "percentSteps",
                        List.of(50, 20))));
        assertThat(badSteps.statusCode()).isEqualTo(400);
        assertThat(badSteps.body()).contains("percentSteps");

        Map<?, ?> started = start(Map.of("yaml", FleetFixtures.schoolTemplate(), "gateways", List.of(school)));
        HttpResponse<String> cancelled = collector.send(
                "POST", "/admin/rollouts/" + started.get("id") + "/cancel", TestCollector.ADMIN_TOKEN, null);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(rollout((String) started.get("id")).get("status")).isEqualTo("cancelled");
        assertThat(collector
                        .send(
                                "POST",
                                "/admin/rollouts/" + started.get("id") + "/cancel",
                                TestCollector.ADMIN_TOKEN,
                                null)
                        .statusCode())
                .isEqualTo(409);
        assertThat(collector.get("/admin/audit", TestCollector.ADMIN_TOKEN).body())
                .contains("rollout.start")
                .contains("rollout.cancel");
    }

    private static Map<?, ?> start(Map<String, Object> body) throws Exception {
        HttpResponse<String> r = collector.send(
                "POST", "/admin/rollouts", TestCollector.ADMIN_TOKEN, json.writeValueAsString(new HashMap<>(body)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json.readValue(r.body(), Map.class);
    }

    private static Map<?, ?> rollout(String id) throws Exception {
        return json.readValue(
                collector
                        .get("/admin/rollouts/" + id, TestCollector.ADMIN_TOKEN)
                        .body(),
                Map.class);
    }

    private static List<Map<?, ?>> members(Map<?, ?> rollout) {
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object step : (List<?>) rollout.get("steps")) {
            for (Object m : (List<?>) ((Map<?, ?>) step).get("gateways")) {
                out.add((Map<?, ?>) m);
            }
        }
        return out;
    }

    private static List<String> stepGateways(Object step) {
        return ((List<?>) ((Map<?, ?>) step).get("gateways"))
                .stream().map(m -> (String) ((Map<?, ?>) m).get("gatewayId")).toList();
    }
}
