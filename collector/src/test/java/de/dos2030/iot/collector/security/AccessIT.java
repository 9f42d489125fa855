package de.dos2030.iot.collector.security;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Roles: every forbidden combination of caller and route is refused, the allowed ones pass. */
class AccessIT {
    static TestCollector collector;
    static String gatewayToken;
    static String viewer;
    static String engineer;
    static String otherEngineer;
    static String admin;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of());
        gatewayToken = collector.register("acc-gw", "acc-site", SiteKind.SCHOOL).token();
        viewer = collector.apiToken("viewer-1", Role.VIEWER);
        engineer = collector.apiToken("engineer-1", Role.ENGINEER);
        otherEngineer = collector.apiToken("engineer-2", Role.ENGINEER);
        admin = collector.apiToken("admin-1", Role.ADMIN);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    record Route(String method, String path, String body, Role least) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final String SUB = "{\"channel\":\"webhook\",\"target\":\"http://127.0.0.1:9/hook\"}";

    static List<Route> routes() {
        return List.of(
                new Route("GET", "/api/v1/sites", null, Role.VIEWER),
                new Route("GET", "/api/v1/gateways", null, Role.VIEWER),
                new Route("GET", "/api/v1/gateways/acc-gw", null, Role.VIEWER),
                new Route("GET", "/api/v1/sensors", null, Role.VIEWER),
                new Route("GET", "/api/v1/series?quantity=co2", null, Role.VIEWER),
                new Route("GET", "/api/v1/alerts", null, Role.VIEWER),
                new Route("GET", "/api/v1/alerts/active", null, Role.VIEWER),
                new Route("GET", "/api/v1/alerts/acc-gw/no-such-alert", null, Role.VIEWER),
                new Route("POST", "/api/v1/alerts/acc-gw/no-such-alert/acknowledge", "{}", Role.ENGINEER),
                new Route("GET", "/api/v1/subscriptions", null, Role.ENGINEER),
                new Route("POST", "/api/v1/subscriptions", SUB, Role.ENGINEER),
                new Route("GET", "/admin/gateways", null, Role.ADMIN),
                new Route(
                        "POST",
                        "/admin/gateways",
                        "{\"id\":\"acc-new\",\"siteId\":\"acc-site\",\"siteKind\":\"school\"}",
                        Role.ADMIN),
                new Route("POST", "/admin/gateways/acc-gw/disable", null, Role.ADMIN),
                new Route("GET", "/admin/tokens", null, Role.ADMIN),
                new Route("POST", "/admin/tokens", "{\"id\":\"x-new\",\"role\":\"viewer\"}", Role.ADMIN),
                new Route("DELETE", "/admin/tokens/viewer-1", null, Role.ADMIN));
    }

    static Stream<Arguments> forbidden() {
        List<Arguments> out = new ArrayList<>();
        for (Route r : routes()) {
            out.add(Arguments.of(r, "no token", null, 401));
            out.add(Arguments.of(r, "unknown token", "dos_not-a-real-token", 401));
            out.add(Arguments.of(r, "gateway token", "GATEWAY", 403));
            if (r.least().compareTo(Role.VIEWER) > 0) {
                out.add(Arguments.of(r, "viewer", "VIEWER", 403));
            }
            if (r.least().compareTo(Role.ENGINEER) > 0) {
                out.add(Arguments.of(r, "engineer", "ENGINEER", 403));
            }
        }
        return out.stream();
    }

    private static String token(String which) {
        if (which == null) {
            return null;
        }
        return switch (which) {
            case "GATEWAY" -> gatewayToken;
            case "VIEWER" -> viewer;
            case "ENGINEER" -> engineer;
            default -> which;
        };
    }

    @ParameterizedTest(name = "{1} on {0} -> {3}")
    @MethodSource("forbidden")
    void refusesCallerBelowTheRoutesRole(Route route, String who, String which, int expected) throws Exception {
        HttpResponse<String> r = collector.send(route.method(), route.path(), token(which), route.body());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        assertThat(r.body()).contains("\"error\"");
        if (expected == 401) {
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"dos-collector\"");
        }
    }

    @Test
    void letsEachRoleThroughItsOwnRoutes() throws Exception {
        assertThat(collector.send("GET", "/api/v1/sites", viewer, null).statusCode())
                .isEqualTo(200);
        assertThat(collector.send("GET", "/api/v1/alerts", viewer, null).statusCode())
                .isEqualTo(200);
        assertThat(collector
                        .send("GET", "/api/v1/series?quantity=co2", viewer, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(collector
                        .send("POST", "/api/v1/subscriptions", engineer, SUB)
                        .statusCode())
                .isEqualTo(201);
        assertThat(collector
                        .send("GET", "/api/v1/subscriptions", engineer, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(collector.send("GET", "/admin/gateways", admin, null).statusCode())
                .isEqualTo(200);
        assertThat(collector
                        .send("GET", "/admin/tokens", TestCollector.ADMIN_TOKEN, null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void apiTokensCannotIngestOnlyGatewayTokensCan() throws Exception {
        byte[] batch = BatchCodec.json().encode(TestBatches.school("acc-gw", "acc-site", "boot-acc", 0, 5));
        for (String apiToken : List.of(viewer, engineer, admin, TestCollector.ADMIN_TOKEN)) {
            assertThat(collector.postBatch(batch, "application/json", apiToken).statusCode())
                    .isEqualTo(401);
        }
        assertThat(collector.postBatch(batch, "application/json", gatewayToken).statusCode())
                .isEqualTo(200);
    }

    @Test
    void engineerSeesAndChangesOnlyOwnSubscriptionsAdminAll() throws Exception {
        HttpResponse<String> created = collector.send(
                "POST",
                "/api/v1/subscriptions",
                otherEngineer,
                "{\"name\":\"theirs\",\"channel\":\"webhook\",\"target\":\"http://127.0.0.1:9/theirs\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.body().replaceAll(".*\"id\":\"(sub-[0-9a-f]+)\".*", "$1");

        assertThat(collector
                        .send("GET", "/api/v1/subscriptions/" + id, engineer, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(collector
                        .send("PUT", "/api/v1/subscriptions/" + id, engineer, "{\"enabled\":false}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(collector
                        .send("DELETE", "/api/v1/subscriptions/" + id, engineer, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(collector
                        .send("GET", "/api/v1/subscriptions/" + id + "/deliveries", engineer, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(collector
                        .send("GET", "/api/v1/subscriptions", engineer, null)
                        .body())
                .doesNotContain(id);

        assertThat(collector
                        .send("GET", "/api/v1/subscriptions/" + id, otherEngineer, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(collector.send("GET", "/api/v1/subscriptions", admin, null).body())
                .contains(id);
        assertThat(collector
                        .send("PUT", "/api/v1/subscriptions/" + id, admin, "{\"enabled\":false}")
                        .body())
                .contains("\"enabled\":false");
        assertThat(collector
                        .send("DELETE", "/api/v1/subscriptions/" + id, admin, null)
                        .statusCode())
                .isEqualTo(204);
    }

    @Test
    void revokedTokenStopsAtOnce() throws Exception {
        String t = collector.apiToken("short-lived", Role.VIEWER);
        assertThat(collector.send("GET", "/api/v1/sites", t, null).statusCode()).isEqualTo(200);
        assertThat(collector
                        .send("DELETE", "/admin/tokens/short-lived", admin, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(collector.send("GET", "/api/v1/sites", t, null).statusCode()).isEqualTo(401);
    }

    @Test
    void issuedTokenIsShownOnceAndNeverListed() throws Exception {
        HttpResponse<String> issued = collector.send(
                "POST", "/admin/tokens", admin, "{\"id\":\"listed-1\",\"name\":\"Caretaker\",\"role\":\"engineer\"}");
        assertThat(issued.statusCode()).isEqualTo(201);
        String token = issued.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        assertThat(token).startsWith("dos_");
        assertThat(collector.send("GET", "/admin/tokens", admin, null).body())
                .contains("listed-1")
                .doesNotContain(token);
        assertThat(collector
                        .send("POST", "/admin/tokens", admin, "{\"id\":\"bad\",\"role\":\"root\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(collector
                        .send("POST", "/admin/tokens", admin, "{\"id\":\"listed-1\",\"role\":\"viewer\"}")
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void openApiDocumentIsServed() throws Exception {
        HttpResponse<String> r = collector.send("GET", "/swagger/dos-collector-api-0.1.yml", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("openapi: 3")
                .contains("/api/v1/series")
                .contains("/api/v1/alerts/stream")
                .contains("/api/v1/subscriptions");
    }
}
