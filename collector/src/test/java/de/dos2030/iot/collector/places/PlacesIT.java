package de.dos2030.iot.collector.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.SiteKind;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Places on a real collector (H2 registry, the dev InfluxDB): a gateway's health fills the registry,
 * an admin's edit wins over later reports, which show as conflicts; hostile reports and edits are
 * refused with the field named; queries filter by location and name the place of each series.
 */
class PlacesIT {
    static TestCollector collector;
    static String viewer;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        // Room for 10,000 locations in one payload: the validator, not the size limit, must refuse them.
        collector = new TestCollector(Map.of("collector.http.max-payload-bytes", 1_048_576));
        viewer = collector.apiToken("places-viewer", Role.VIEWER);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    static String register(String gateway, String site, SiteKind kind) {
        return collector.register(gateway, site, kind).token();
    }

    static void send(String token, String gateway, String site, long seq, PlaceReport place) throws Exception {
        HttpResponse<String> r =
                collector.postBatch(PlaceBatches.health(gateway, site, seq, place), "application/json", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = collector.get(path, viewer);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return collector.send(method, path, TestCollector.ADMIN_TOKEN, body);
    }

    static JsonNode site(JsonNode list, String id) {
        for (JsonNode s : list) {
            if (s.get("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no site " + id + " in " + list);
    }

    @Test
    void aGatewaysPlaceReachesTheRegistryAndShowsInSites() throws Exception {
        String token = register("pl-gw-1", "pl-kley", SiteKind.SCHOOL);
        send(token, "pl-gw-1", "pl-kley", 0, PlaceBatches.kley("Grundschule Kley"));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(site(get("/api/v1/sites"), "pl-kley")
                                .path("name")
                                .asText())
                        .isEqualTo("Grundschule Kley"));
        JsonNode s = site(get("/api/v1/sites"), "pl-kley");
        assertThat(s.get("kind").asText()).isEqualTo("school");
        assertThat(s.get("position").get("lat").asDouble()).isEqualTo(51.4957);
        assertThat(s.get("position").get("lon").asDouble()).isEqualTo(7.3855);
        assertThat(s.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(s.get("public").asBoolean()).isFalse();
        assertThat(s.get("locations").asInt()).isEqualTo(2);
        assertThat(s.get("gateways").toString()).isEqualTo("[\"pl-gw-1\"]");

        JsonNode d = get("/api/v1/sites/pl-kley");
        assertThat(d.get("address").asText()).isEqualTo("Kleyer Weg 1, 44149 Dortmund");
        assertThat(d.get("reportedBy").asText()).isEqualTo("pl-gw-1");
        JsonNode r204 = d.get("locations").get(0);
        assertThat(r204.get("id").asText()).isEqualTo("r204");
        assertThat(r204.get("name").asText()).isEqualTo("Klasse 4b");
        assertThat(r204.get("floor").asInt()).isEqualTo(2);
        assertThat(r204.get("number").asText()).isEqualTo("R204");
        assertThat(r204.get("sensors").get(0).get("sensor").asText()).isEqualTo("r204-air");
        assertThat(d.path("conflicts").size()).isZero();
    }

    @Test
    void anAdminEditWinsAndALaterDifferingReportIsAVisibleConflict() throws Exception {
        String token = register("pl-gw-2", "pl-edit", SiteKind.SCHOOL);
        send(token, "pl-gw-2", "pl-edit", 0, PlaceBatches.kley("Grundschule Kley"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/api/v1/sites/pl-edit").path("name").asText().equals("Grundschule Kley"));

        HttpResponse<String> edited =
                admin("PATCH", "/api/v1/sites/pl-edit", "{\"name\":\"Grundschule Kley (Neubau)\",\"public\":true}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        JsonNode d = JSON.readTree(edited.body());
        assertThat(d.get("name").asText()).isEqualTo("Grundschule Kley (Neubau)");
        assertThat(d.get("public").asBoolean()).isTrue();
        assertThat(d.get("adminFields").toString()).isEqualTo("[\"name\"]");
        assertThat(d.get("editedBy").asText()).isEqualTo("admin");

        // A later report under another name: the admin's value stays, the difference is an open conflict.
        send(
                token,
                "pl-gw-2",
                "pl-edit",
                1,
                PlaceBatches.kley("Grundschule Kley").withName("GS Kley"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/api/v1/sites/pl-edit").path("conflicts").size() == 1);
        d = get("/api/v1/sites/pl-edit");
        assertThat(d.get("name").asText()).as("the admin's value stays").isEqualTo("Grundschule Kley (Neubau)");
        JsonNode conflict = d.get("conflicts").get(0);
        assertThat(conflict.get("field").asText()).isEqualTo("name");
        assertThat(conflict.get("registryValue").asText()).isEqualTo("Grundschule Kley (Neubau)");
        assertThat(conflict.get("reportedValue").asText()).isEqualTo("GS Kley");
        assertThat(conflict.get("gateway").asText()).isEqualTo("pl-gw-2");
        assertThat(conflict.get("status").asText()).isEqualTo("open");

        HttpResponse<String> accepted = admin(
                "POST", "/api/v1/sites/pl-edit/conflicts/" + conflict.get("id").asLong() + "/accept", null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        d = get("/api/v1/sites/pl-edit");
        assertThat(d.get("name").asText()).isEqualTo("GS Kley");
        assertThat(d.path("conflicts").size()).isZero();
        assertThat(d.path("adminFields").size())
                .as("the field follows the gateway again")
                .isZero();
        assertThat(admin(
                                "POST",
                                "/api/v1/sites/pl-edit/conflicts/"
                                        + conflict.get("id").asLong() + "/keep",
                                null)
                        .statusCode())
                .as("a resolved conflict stays resolved")
                .isEqualTo(409);
    }

    @Test
    void anUnchangedReportAfterAnEditOpensNoConflictAndAKeptValueStaysClosed() throws Exception {
        String token = register("pl-gw-3", "pl-keep", SiteKind.SCHOOL);
        send(token, "pl-gw-3", "pl-keep", 0, PlaceBatches.kley("Grundschule Kley"));
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        get("/api/v1/sites/pl-keep").path("reportedBy").asText().equals("pl-gw-3"));
        assertThat(admin("PUT", "/api/v1/sites/pl-keep/locations/r204", "{\"name\":\"Klasse 4b (Musik)\",\"floor\":3}")
                        .statusCode())
                .isEqualTo(200);
        collector.context.getBean(PlaceReports.class).drain();
        // a restarted collector (or the recheck) compares the same report again: still no conflict
        collector
                .context
                .getBean(PlaceRegistry.class)
                .applyReport(
                        collector
                                .context
                                .getBean(de.dos2030.iot.collector.gateways.GatewayRegistry.class)
                                .find("pl-gw-3")
                                .orElseThrow(),
                        PlaceBatches.kley("Grundschule Kley"));
        JsonNode d = get("/api/v1/sites/pl-keep");
        assertThat(d.path("conflicts").size()).isZero();
        JsonNode r204 = d.get("locations").get(0);
        assertThat(r204.get("name").asText()).isEqualTo("Klasse 4b (Musik)");
        assertThat(r204.get("floor").asInt()).isEqualTo(3);
        assertThat(r204.path("number").isMissingNode())
                .as("PUT clears what it leaves out")
                .isTrue();
    }

    @Test
    void aReportOfAnotherSiteKindIsIgnoredAndRecordedAsConflict() throws Exception {
        String token = register("pl-gw-4", "pl-kind", SiteKind.BRIDGE);
        send(token, "pl-gw-4", "pl-kind", 0, PlaceBatches.kley("Not a bridge"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/api/v1/sites/pl-kind").path("conflicts").size() == 1);
        JsonNode d = get("/api/v1/sites/pl-kind");
        assertThat(d.path("name").isMissingNode()).isTrue();
        assertThat(d.path("locations").size()).isZero();
        assertThat(d.get("conflicts").get(0).get("field").asText()).isEqualTo("kind");
        assertThat(d.get("conflicts").get(0).get("reportedValue").asText()).isEqualTo("school");
    }

    @Test
    void hostileReportsAreRefusedNamingTheFieldAndLeaveTheRegistryAlone() throws Exception {
        String token = register("pl-gw-5", "pl-hostile", SiteKind.SCHOOL);
        List<PlaceReport.Location> flood = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            flood.add(new PlaceReport.Location("r" + i, LocationKind.ROOM, "R" + i, null, null, null));
        }
        PlaceReport base = PlaceBatches.kley("ok");
        Map<PlaceReport, String> hostile = Map.of(
                base.withName("x".repeat(1000)),
                "health.place.name: must be 1 to 200 characters, was 1000",
                new PlaceReport(SiteKind.SCHOOL, "Flood", null, null, null, null, flood, Map.of()),
                "health.place.locations: 10000 locations, at most 500 allowed",
                new PlaceReport(SiteKind.SCHOOL, "Bad lat", null, 123.0, 7.0, null, List.of(), Map.of()),
                "health.place.lat: 123.0 is not a latitude (allowed: -90 to 90)");
        long seq = 0;
        for (Map.Entry<PlaceReport, String> e : hostile.entrySet()) {
            HttpResponse<String> r = collector.postBatch(
                    PlaceBatches.health("pl-gw-5", "pl-hostile", seq++, e.getKey()), "application/json", token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            int colon = e.getValue().indexOf(": ");
            assertThat(r.body())
                    .contains("{\"path\":\"" + e.getValue().substring(0, colon) + "\",\"reason\":\""
                            + e.getValue().substring(colon + 2) + "\"}");
        }
        JsonNode d = get("/api/v1/sites/pl-hostile");
        assertThat(d.path("name").isMissingNode()).isTrue();
        assertThat(d.path("locations").size()).isZero();
    }

    @Test
    void badAdminEditsAreRefusedNamingTheField() throws Exception {
        register("pl-gw-6", "pl-bad", SiteKind.SCHOOL);
        assertRefused(
                "PATCH",
                "/api/v1/sites/pl-bad",
                "{\"position\":{\"lat\":95,\"lon\":7}}",
                400,
                "position.lat: 95.0 is not a latitude (allowed: -90 to 90)");
        assertRefused(
                "PATCH",
                "/api/v1/sites/pl-bad",
                "{\"timeZone\":\"Europe/Dortmund\"}",
                400,
                "timeZone: 'Europe/Dortmund' is not an IANA time zone");
        assertRefused(
                "PATCH",
                "/api/v1/sites/pl-bad",
                "{\"name\":\"" + "n".repeat(201) + "\"}",
                400,
                "name: must be 1 to 200 characters, was 201");
        assertRefused(
                "PATCH",
                "/api/v1/sites/pl-bad",
                "{\"colour\":\"red\"}",
                400,
                "colour: is not a field of this place (allowed: name, address, position, timeZone, public)");
        assertRefused("PUT", "/api/v1/sites/pl-bad", "{}", 400, "name: is missing");
        assertRefused(
                "PATCH",
                "/api/v1/sites/pl-bad/locations/r1",
                "{\"at\":5}",
                400,
                "at: is not a field of this place (allowed: name, floor, number)");
        assertRefused("PATCH", "/api/v1/sites/pl-bad/locations/r1", "{\"name\":\"R1\"}", 404, "PUT creates one");
        assertRefused(
                "PATCH", "/api/v1/sites/no-such-site", "{\"name\":\"X\"}", 404, "register a gateway for it first");
        assertRefused("PATCH", "/api/v1/sites/bad%20id", "{\"name\":\"X\"}", 400, "site 'bad id'");
        assertThat(collector
                        .send("PATCH", "/api/v1/sites/pl-bad", viewer, "{\"name\":\"X\"}")
                        .statusCode())
                .as("viewers read, admins edit")
                .isEqualTo(403);
        assertThat(get("/api/v1/sites/pl-bad").path("name").isMissingNode()).isTrue();
    }

    static void assertRefused(String method, String path, String body, int status, String message) throws Exception {
        HttpResponse<String> r = admin(method, path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains(message);
    }

    @Test
    void seriesFilterByLocationAndNameTheirPlace() throws Exception {
        String token = register("pl-gw-7", "pl-query", SiteKind.SCHOOL);
        send(token, "pl-gw-7", "pl-query", 0, PlaceBatches.kley("Grundschule Kley"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/api/v1/sites/pl-query").path("locations").size() == 2);
        String range = "&from=" + PlaceBatches.T0 + "&to=" + PlaceBatches.T0.plus(Duration.ofHours(1));

        JsonNode all = get("/api/v1/series?quantity=co2&site=pl-query" + range);
        assertThat(all.get("series")).hasSize(2);
        JsonNode r204 = get("/api/v1/series?quantity=co2&site=pl-query&location=r204" + range);
        assertThat(r204.get("series")).hasSize(1);
        JsonNode s = r204.get("series").get(0);
        assertThat(s.get("sensor").asText()).isEqualTo("r204-air");
        assertThat(s.get("siteName").asText()).isEqualTo("Grundschule Kley");
        assertThat(s.get("location").asText()).isEqualTo("r204");
        assertThat(s.get("locationName").asText()).isEqualTo("Klasse 4b");
        assertThat(s.get("position").get("lat").asDouble()).isEqualTo(51.4957);
        assertThat(s.get("points")).hasSize(10);

        String csv = collector
                .get("/api/v1/series?quantity=co2&site=pl-query&location=r205&window=1h&format=csv" + range, viewer)
                .body();
        assertThat(csv)
                .startsWith("time,local_time,site,gateway,sensor,quantity,statistic,aggregate,window,value [ppm],"
                        + "site_name,location,location_name,lat,lon\r\n")
                .contains(",pl-query,pl-gw-7,r205-air,co2,sample,mean,PT1H,904.5,Grundschule Kley,r205,Klasse 3a,"
                        + "51.4957,7.3855\r\n")
                .doesNotContain("r204-air");

        assertThat(collector
                        .get("/api/v1/series?quantity=co2&location=r204" + range, viewer)
                        .body())
                .contains("location needs site");
        HttpResponse<String> unknown =
                collector.get("/api/v1/series?quantity=co2&site=pl-query&location=r999" + range, viewer);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body())
                .contains("location 'r999' is not a location of site 'pl-query' (allowed: r204, r205)");
        register("pl-gw-8", "pl-other", SiteKind.SCHOOL);
        assertThat(collector
                        .get("/api/v1/series?quantity=co2&site=pl-other&location=r204" + range, viewer)
                        .body())
                .as("a location of another site")
                .contains("is not a location of site 'pl-other'");
    }
}
