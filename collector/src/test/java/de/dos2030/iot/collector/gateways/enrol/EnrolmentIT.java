package de.dos2030.iot.collector.gateways.enrol;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enrolment against a real collector (H2 registry, HTTP): claim codes issued by an admin, redeemed once by
 * a gateway, refused when reused, expired, for another gateway or unknown; bulk import all or nothing;
 * only hashes in the database.
 */
class EnrolmentIT {
    static TestCollector collector;
    static GatewayRegistry registry;
    static JsonMapper json;
    static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of("test.mutable-clock", "true", "collector.enrol.failed-attempts", 20));
        registry = collector.context.getBean(GatewayRegistry.class);
        json = collector.context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    static String id(String name) {
        return "en-" + RUN + "-" + name;
    }

    static HttpResponse<String> claim(String gateway, String site, String kind, String validFor) throws Exception {
        String body = "{\"siteId\":\"" + site + "\",\"siteKind\":\"" + kind + "\""
                + (validFor == null ? "" : ",\"validFor\":\"" + validFor + "\"") + "}";
        return collector.send("POST", "/admin/gateways/" + gateway + "/claims", TestCollector.ADMIN_TOKEN, body);
    }

    static String code(String gateway, String site) throws Exception {
        HttpResponse<String> r = claim(gateway, site, "school", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return (String) map(r).get("code");
    }

    static HttpResponse<String> enroll(String code, String gatewayId) throws Exception {
        String body =
                "{\"code\":\"" + code + "\"" + (gatewayId == null ? "" : ",\"gatewayId\":\"" + gatewayId + "\"") + "}";
        return collector.send("POST", "/api/v1/enroll", null, body);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(HttpResponse<String> r) throws Exception {
        return json.readValue(r.body(), Map.class);
    }

    @Test
    void aGatewayEnrolsWithItsCodeAndGetsAWorkingToken() throws Exception {
        String gw = id("happy");
        HttpResponse<String> issued = claim(gw, "gs-" + RUN, "school", "PT2H");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String code = (String) map(issued).get("code");
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
        assertThat(registry.find(gw))
                .as("not registered before the gateway enrols")
                .isEmpty();

        HttpResponse<String> r = enroll(code.toLowerCase().replace("-", " "), gw);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, Object> answer = map(r);
        assertThat(answer)
                .containsEntry("gatewayId", gw)
                .containsEntry("siteId", "gs-" + RUN)
                .containsEntry("siteKind", "school")
                .containsEntry("mqttUsername", gw)
                .containsEntry("reEnrolled", false);
        String token = (String) answer.get("token");
        assertThat(registry.authenticate(token))
                .hasValueSatisfying(g -> assertThat(g.id()).isEqualTo(gw));
        assertThat(collector
                        .get("/admin/gateways/" + gw, TestCollector.ADMIN_TOKEN)
                        .statusCode())
                .isEqualTo(200);
        String actions = rows("SELECT action, after_state FROM audit_log WHERE target = 'gateway/" + gw + "'");
        assertThat(actions).contains("enrol.claim.create", "enrol.redeem").doesNotContain(code, token);
    }

    @Test
    void theDatabaseHoldsOnlyTheCodesHash() throws Exception {
        String gw = id("hash");
        String code = code(gw, "gs-" + RUN);
        String canonical = code.replace("-", "");
        String stored = rows("SELECT * FROM gateway_claim WHERE gateway_id = '" + gw + "'");
        assertThat(stored)
                .contains(ClaimCode.hash(canonical))
                .doesNotContain(canonical)
                .doesNotContain(code);
    }

    @Test
    void aReusedCodeIsRefusedAndTheFirstTokenKeepsWorking() throws Exception {
        String gw = id("reused");
        String code = code(gw, "gs-" + RUN);
        String token = (String) map(enroll(code, null)).get("token");

        HttpResponse<String> again = enroll(code, null);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("already used").doesNotContain(token);
        assertThat(registry.authenticate(token)).isPresent();
    }

    @Test
    void anExpiredCodeIsRefusedAndNothingIsRegistered() throws Exception {
        String gw = id("expired");
        HttpResponse<String> issued = claim(gw, "gs-" + RUN, "school", "PT1M");
        String code = (String) map(issued).get("code");
        collector.clock().advance(Duration.ofMinutes(2));

        HttpResponse<String> r = enroll(code, gw);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(410);
        assertThat(r.body()).contains("expired");
        assertThat(registry.find(gw)).isEmpty();
    }

    @Test
    void aCodeForAnotherGatewayIsRefusedAndStaysOpenForItsOwn() throws Exception {
        String gw = id("owner");
        String code = code(gw, "gs-" + RUN);

        HttpResponse<String> wrong = enroll(code, id("intruder"));

        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(403);
        assertThat(wrong.body()).contains("is for gateway '" + gw + "' at site 'gs-" + RUN + "'");
        HttpResponse<String> elsewhere =
                collector.send("POST", "/api/v1/enroll", null, "{\"code\":\"" + code + "\",\"siteId\":\"other-site\"}");
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(403);
        assertThat(registry.find(id("intruder"))).isEmpty();
        assertThat(enroll(code, gw).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownCodeIs404AndSomethingThatIsNoCodeIs400() throws Exception {
        assertThat(enroll("0000-0000-0000-0000", null).statusCode()).isEqualTo(404);
        HttpResponse<String> bad = enroll("hello", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("16 letters and digits");
        assertThat(collector.send("POST", "/api/v1/enroll", null, "{}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aNewCodeReplacesTheGatewaysOpenCode() throws Exception {
        String gw = id("replaced");
        String first = code(gw, "gs-" + RUN);
        String second = code(gw, "gs-" + RUN);

        assertThat(enroll(first, gw).statusCode()).isEqualTo(404);
        assertThat(enroll(second, gw).statusCode()).isEqualTo(200);
    }

    @Test
    void reEnrollingARegisteredGatewayRotatesItsToken() throws Exception {
        String gw = id("again");
        String old = registry.register(gw, "br-" + RUN, SiteKind.BRIDGE).token();
        assertThat(claim(gw, "other-" + RUN, "bridge", null).statusCode())
                .as("a claim that would move the gateway")
                .isEqualTo(409);
        HttpResponse<String> issued = claim(gw, "br-" + RUN, "bridge", null);

        HttpResponse<String> r = enroll((String) map(issued).get("code"), gw);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(map(r)).containsEntry("reEnrolled", true);
        assertThat(registry.authenticate(old)).isEmpty();
        assertThat(registry.authenticate((String) map(r).get("token"))).isPresent();
    }

    @Test
    void ofTwoGatewaysRacingWithOneCodeExactlyOneEnrols() throws Exception {
        String gw = id("race");
        String code = code(gw, "gs-" + RUN);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> enroll(code, gw).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 409);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aValidityBeyondThirtyDaysOrUnreadableIsRefused() throws Exception {
        assertThat(claim(id("long"), "gs-" + RUN, "school", "P31D").statusCode())
                .isEqualTo(400);
        HttpResponse<String> r = claim(id("long"), "gs-" + RUN, "school", "3 days");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("validFor");
        assertThat(claim(id("long"), "gs-" + RUN, "castle", null).body()).contains("siteKind 'castle' is unknown");
    }

    @Test
    void manyWrongCodesFromOneAddressAreThrottledUntilTheWindowPasses() throws Exception {
        String gw = id("throttle");
        String code = code(gw, "gs-" + RUN);
        HttpResponse<String> last = null;
        for (int i = 0; i < 24 && (last == null || last.statusCode() != 429); i++) {
            last = enroll("ZZZZ-ZZZZ-ZZZZ-ZZZ" + (i % 10), null);
        }
        assertThat(last.statusCode()).as(last.body()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(enroll(code, gw).statusCode()).as("even a right code waits").isEqualTo(429);

        collector.clock().advance(Duration.ofMinutes(16));

        assertThat(enroll(code, gw).statusCode()).isEqualTo(200);
    }

    static String rows(String sql) {
        return collector.context.getBean(RelationalStore.class).run(c -> {
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        out.append(rs.getString(i)).append('|');
                    }
                    out.append('\n');
                }
            }
            return out.toString();
        });
    }
}
