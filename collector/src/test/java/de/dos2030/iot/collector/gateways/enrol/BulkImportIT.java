package de.dos2030.iot.collector.gateways.enrol;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bulk registration from CSV against a real collector: checked as a whole, written all at once or not at all. */
class BulkImportIT {
    static TestCollector collector;
    static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of());
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    static HttpResponse<String> post(String csv, String accept) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(collector.url("/admin/gateways/import?validFor=P7D")))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv))
                .header("Content-Type", "text/csv")
                .header("Accept", accept)
                .header("Authorization", "Bearer " + TestCollector.ADMIN_TOKEN);
        return java.net.http.HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int claimsOf(String prefix) {
        return collector.context.getBean(RelationalStore.class).run(c -> {
            try (ResultSet rs = c.createStatement()
                    .executeQuery("SELECT COUNT(*) FROM gateway_claim WHERE gateway_id LIKE '" + prefix + "%'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void aFileWithBadRowsListsEveryBadLineAndWritesNothing() throws Exception {
        String p = "bi-" + RUN + "-bad-";
        collector.register(p + "taken", "gs-" + RUN, SiteKind.SCHOOL);
        String csv = "id,site,kind,location\n"
                + p + "1,gs-" + RUN + ",school,room-1\n"
                + p + "2,gs-" + RUN + ",castle,room-2\n"
                + "\n"
                + p + "1,gs-" + RUN + ",school,room-3\n"
                + "-nope,gs-" + RUN + ",school,\n"
                + p + "taken,gs-" + RUN + ",school,room-4\n"
                + p + "5,gs-" + RUN + ",school\n";

        HttpResponse<String> r = post(csv, "application/json");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body())
                .contains("line 3: kind 'castle' is unknown")
                .contains("line 5: gateway '" + p + "1' is also on line 2")
                .contains("line 6: gateway id '-nope' is not a valid id")
                .contains("line 7: gateway '" + p + "taken' is already registered")
                .contains("nothing was written")
                .doesNotContain("line 2:")
                .doesNotContain("line 8:");
        assertThat(claimsOf(p)).isZero();
    }

    @Test
    void aGoodFileGivesEveryGatewayACodeThatEnrolsIt() throws Exception {
        String p = "bi-" + RUN + "-ok-";
        String csv = "id,site,kind,location\r\n"
                + p + "1,gs-" + RUN + ",school,room-1\r\n"
                + p + "2,br-" + RUN + ",bridge,p2\r\n"
                + p + "3,gs-" + RUN + ",school,\r\n";

        HttpResponse<String> r = post(csv, "application/json");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> claims = (List<Map<String, Object>>) (List<?>) collector
                .context
                .getBean(JsonMapper.class)
                .readValue(r.body(), io.micronaut.core.type.Argument.listOf(Map.class));
        assertThat(claims).hasSize(3);
        assertThat(claims.get(1)).containsEntry("gatewayId", p + "2").containsEntry("location", "p2");
        assertThat(claimsOf(p)).isEqualTo(3);
        HttpResponse<String> enrolled = collector.send(
                "POST", "/api/v1/enroll", null, "{\"code\":\"" + claims.get(1).get("code") + "\"}");
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
        assertThat(enrolled.body()).contains("\"siteKind\":\"bridge\"", "\"location\":\"p2\"");
        assertThat(collector.context.getBean(GatewayRegistry.class).find(p + "2"))
                .hasValueSatisfying(g -> assertThat(g.siteId()).isEqualTo("br-" + RUN));
    }

    @Test
    void theCodesComeAsCsvWhenAsked() throws Exception {
        String p = "bi-" + RUN + "-csv-";
        HttpResponse<String> r = post("id,site,kind,location\n" + p + "1,gs-" + RUN + ",school,room-9\n", "text/csv");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(r.body())
                .startsWith("id,site,kind,location,code,expires_at\n")
                .containsPattern(p + "1,gs-" + RUN + ",school,room-9,[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4},");
    }

    @Test
    void aScopedOrNonAdminTokenMayNotImport() throws Exception {
        String viewer = collector.apiToken("bi-viewer-" + RUN, de.dos2030.iot.collector.security.Role.VIEWER);
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(collector.url("/admin/gateways/import")))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("id,site,kind\n"))
                .header("Content-Type", "text/csv")
                .header("Authorization", "Bearer " + viewer);
        assertThat(java.net.http.HttpClient.newHttpClient()
                        .send(b.build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(403);
    }
}
