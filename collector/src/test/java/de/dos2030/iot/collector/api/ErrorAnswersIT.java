package de.dos2030.iot.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.security.Role;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of error answer has the one shape, {"error": "..."}, and its status, whoever raised it. */
class ErrorAnswersIT {
    static TestCollector collector;
    static String viewer;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of());
        viewer = collector.apiToken("errors-viewer", Role.VIEWER);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return collector.send("GET", path, viewer, null);
    }

    @Test
    void constraintOfARequestBeanIsA400NamingParameterValueAndRule() throws Exception {
        HttpResponse<String> r = get("/api/v1/alerts?status=bogus");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .isEqualTo(
                        "{\"error\":\"status 'bogus' is unknown (allowed: active, raised, acknowledged, cleared, all)\"}");
        HttpResponse<String> id = get("/api/v1/alerts?ruleId=x%20y");
        assertThat(id.statusCode()).isEqualTo(400);
        assertThat(id.body()).startsWith("{\"error\":\"ruleId 'x y' is not a valid id: 1 to 64 characters");
    }

    @Test
    void parameterOfTheWrongTypeIsA400InTheSameShape() throws Exception {
        HttpResponse<String> r = get("/api/v1/alerts?limit=ten");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"limit 'ten' is not a valid integer\"}");
    }

    @Test
    void badRequestFromCodeIsA400() throws Exception {
        HttpResponse<String> r = get("/api/v1/alerts?from=yesterday");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .isEqualTo("{\"error\":\"from 'yesterday' is not an ISO-8601 instant such as 2025-03-01T00:00:00Z\"}");
        HttpResponse<String> format = get("/api/v1/series?quantity=co2&format=xml");
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(format.body()).isEqualTo("{\"error\":\"format 'xml' is unknown (allowed: json, csv)\"}");
    }

    @Test
    void unknownThingIsA404() throws Exception {
        HttpResponse<String> r = get("/api/v1/gateways/no-such-gw");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"error\":\"no gateway 'no-such-gw'\"}");
        HttpResponse<String> alert = get("/api/v1/alerts/no-such-gw/a-1");
        assertThat(alert.statusCode()).isEqualTo(404);
        assertThat(alert.body()).isEqualTo("{\"error\":\"no alert 'a-1' of gateway 'no-such-gw'\"}");
    }

    @Test
    void clashWithTheCurrentStateIsA409() throws Exception {
        String body = "{\"id\":\"errors-twice\",\"role\":\"viewer\"}";
        assertThat(collector
                        .send("POST", "/admin/tokens", TestCollector.ADMIN_TOKEN, body)
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> again = collector.send("POST", "/admin/tokens", TestCollector.ADMIN_TOKEN, body);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body())
                .isEqualTo("{\"error\":\"token id 'errors-twice' exists: revoke it or choose another id\"}");
    }

    @Test
    void validParametersStillAnswer() throws Exception {
        HttpResponse<String> r = get("/api/v1/alerts?status=active&limit=5&ruleId=co2.high&siteKind=school");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[]");
    }
}
