package de.dos2030.iot.collector.sta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.security.Role;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SensorThings read side against InfluxDB and the registry: who sees what, query options, errors. */
class StaIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestCollector collector;
    private static StaData.Site open;
    private static StaData.Site closed;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        // many anonymous requests in a few seconds: the open endpoints' rate limit (OpenAccessFilter) is not under test
        collector = new TestCollector(
                Map.of("collector.open.rate-per-minute", "1000000", "collector.open.rate-burst", "1000000"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        open = StaData.school(collector, "open-" + run, true);
        closed = StaData.school(collector, "closed-" + run, false);
        token = collector.apiToken("sta-viewer-" + run, Role.VIEWER);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    private static JsonNode get(String pathAndQuery, String bearer, int status) throws Exception {
        HttpResponse<String> r = collector.get("/sta/v1.1/" + pathAndQuery, bearer);
        assertThat(r.statusCode()).as(pathAndQuery + " -> " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void anonymousCallersSeeOnlyPublicSitesAndTokenHoldersSeeAll() throws Exception {
        JsonNode all = get("Things?$top=1000", token, 200).path("value");
        List<String> sites = new ArrayList<>();
        all.forEach(t -> sites.add(t.path("properties").path("site").asText()));
        assertThat(sites).contains(open.id(), closed.id());
        JsonNode anon = get("Things?$top=1000", null, 200).path("value");
        List<String> anonSites = new ArrayList<>();
        anon.forEach(t -> anonSites.add(t.path("properties").path("site").asText()));
        assertThat(anonSites).contains(open.id()).doesNotContain(closed.id());
        get("Things('" + closed.id() + ":r1')", null, 404);
        get("Things('" + closed.id() + ":r1')", token, 200);
    }

    @Test
    void aScopedTokenSeesOnlyTheThingsDatastreamsAndObservationsOfItsSites() throws Exception {
        String scoped = collector
                .context
                .getBean(de.dos2030.iot.collector.security.ApiTokens.class)
                .issue(
                        "sta-scoped-" + closed.id(),
                        "scoped",
                        Role.VIEWER,
                        de.dos2030.iot.collector.security.Scope.sites(List.of(closed.id())),
                        new de.dos2030.iot.collector.security.Caller("admin", Role.ADMIN))
                .token();
        List<String> sites = new ArrayList<>();
        get("Things?$top=1000", scoped, 200)
                .path("value")
                .forEach(t -> sites.add(t.path("properties").path("site").asText()));
        assertThat(sites).contains(closed.id()).doesNotContain(open.id());
        get("Things('" + open.id() + ":r1')", scoped, 404);
        get("Things('" + closed.id() + ":r1')", scoped, 200);
        JsonNode streams = get("Datastreams?$top=1000", scoped, 200).path("value");
        assertThat(streams.size()).isPositive();
        assertThat(streams.toString()).doesNotContain(open.id());
        long openStream = get("Things('" + open.id() + ":r1')/Datastreams", token, 200)
                .path("value")
                .get(0)
                .path("@iot.id")
                .asLong();
        get("Datastreams(" + openStream + ")/Observations", scoped, 404);
    }

    @Test
    void thingsAreAddressedByTheirNumericIdAndBySiteColonLocation() throws Exception {
        JsonNode byKey = get("Things('" + open.id() + ":r1')", null, 200);
        long id = byKey.path("@iot.id").asLong();
        JsonNode byId = get("Things(" + id + ")", null, 200);
        assertThat(byId.path("name").asText()).isEqualTo("Klasse 4b");
        assertThat(byId.path("Datastreams@iot.navigationLink").asText()).endsWith("/Things(" + id + ")/Datastreams");
        JsonNode loc =
                get("Things(" + id + ")/Locations", null, 200).path("value").get(0);
        assertThat(loc.path("location").path("coordinates").get(0).asDouble()).isEqualTo(7.3855);
        assertThat(loc.path("location").path("type").asText()).isEqualTo("Point");
    }

    @Test
    void tokenHoldersReadRawObservationsInTimeOrderWithPaging() throws Exception {
        String ds = datastream(open.id() + ":r1", "co2");
        JsonNode page = get("Datastreams('" + ds + "')/Observations?$top=50&$count=true", token, 200);
        assertThat(page.path("@iot.count").asLong()).isEqualTo(StaData.MINUTES);
        assertThat(page.path("value")).hasSize(50);
        assertThat(page.path("value").get(0).path("result").asDouble()).isEqualTo(600);
        String next = page.path("@iot.nextLink").asText();
        assertThat(next).contains("%24skip=50");
        HttpResponse<String> second = collector.get(next.substring(next.indexOf("/sta/")), token);
        assertThat(JSON.readTree(second.body())
                        .path("value")
                        .get(0)
                        .path("result")
                        .asDouble())
                .isEqualTo(650);
        JsonNode newest =
                get("Datastreams('" + ds + "')/Observations?$top=1&$orderby=" + q("phenomenonTime desc"), token, 200);
        assertThat(newest.path("value").get(0).path("result").asDouble()).isEqualTo(600 + StaData.MINUTES - 1);
    }

    @Test
    void anonymousObservationsAreTenMinuteMeansOfThePast() throws Exception {
        String ds = datastream(open.id() + ":r1", "co2");
        JsonNode page = get("Datastreams('" + ds + "')/Observations?$top=100", null, 200)
                .path("value");
        assertThat(page).hasSize(StaData.MINUTES / 10);
        assertThat(page.get(0).path("result").asDouble()).isEqualTo(604.5); // mean of 600..609
        assertThat(page.get(0).path("parameters").path("window").asText()).isEqualTo("PT10M");
        assertThat(page.get(0).path("phenomenonTime").asText()).contains("/");
        JsonNode hourly = get("Datastreams('" + ds + "')/Observations?window=1h", null, 200)
                .path("value");
        assertThat(hourly).hasSize(StaData.MINUTES / 60);
        JsonNode fine = get("Datastreams('" + ds + "')/Observations?window=1m", null, 200)
                .path("value");
        assertThat(fine)
                .as("anonymous callers get no window finer than 10 minutes")
                .hasSize(StaData.MINUTES / 10);
    }

    @Test
    void anonymousCallersGetNothingOfTodayWhileATokenGetsItAllLive() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        StaData.Site today = StaData.school(
                collector,
                "today-" + UUID.randomUUID().toString().substring(0, 8),
                true,
                now.minusSeconds(60L * StaData.MINUTES).truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        String ds = datastream(today.id() + ":r1", "co2");
        JsonNode all = get("Datastreams('" + ds + "')/Observations?$top=1000", token, 200)
                .path("value");
        assertThat(all).hasSize(StaData.MINUTES);
        java.time.Instant publicUntil = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin"))
                .atStartOfDay(java.time.ZoneId.of("Europe/Berlin"))
                .toInstant();
        JsonNode anonymous = get("Datastreams('" + ds + "')/Observations?$top=1000", null, 200)
                .path("value");
        assertThat(anonymous.size()).isLessThan(StaData.MINUTES / 10 + 1);
        for (JsonNode o : anonymous) {
            String end = o.path("phenomenonTime").asText().split("/")[1];
            assertThat(java.time.Instant.parse(end)).isBeforeOrEqualTo(publicUntil);
            assertThat(o.path("parameters").path("window").asText()).isEqualTo("PT10M");
        }
        JsonNode latest = get(
                "Things('" + today.id() + ":r1')?$expand="
                        + q("Datastreams($expand=Observations($top=1;$orderby=phenomenonTime desc))"),
                null,
                200);
        for (JsonNode d : latest.path("Datastreams")) {
            for (JsonNode o : d.path("Observations")) {
                String end = o.path("phenomenonTime").asText().split("/")[1];
                assertThat(java.time.Instant.parse(end)).isBeforeOrEqualTo(publicUntil);
            }
        }
    }

    @Test
    void filtersPushTimeDownAndEvaluateTheRestInJava() throws Exception {
        String ds = datastream(open.id() + ":r1", "co2");
        String from = StaData.START.plusSeconds(600).toString();
        String to = StaData.START.plusSeconds(1200).toString();
        JsonNode v = get(
                        "Datastreams('" + ds + "')/Observations?$filter="
                                + q("phenomenonTime ge " + from + " and phenomenonTime lt " + to
                                        + " and result mod 2 eq 0"),
                        token,
                        200)
                .path("value");
        assertThat(v).hasSize(5);
        v.forEach(o -> assertThat(o.path("result").asLong() % 2).isZero());
        JsonNode things = get(
                        "Things?$filter="
                                + q("startswith(name, 'Klasse 4') and properties/site eq '" + open.id() + "'"),
                        null,
                        200)
                .path("value");
        assertThat(texts(things, "name")).containsExactly("Klasse 4b");
        JsonNode near = get(
                        "Locations?$filter="
                                + q(
                                        "geo.distance(location, geography'POINT(7.3855 51.4957)') lt 0.01"
                                                + " and st_within(location, geography'POLYGON((7 51, 8 51, 8 52, 7 52, 7 51))')"),
                        null,
                        200)
                .path("value");
        assertThat(texts(near, "name")).contains("Grundschule " + open.id());
        JsonNode ordered = get(
                        "Datastreams?$orderby=" + q("name desc") + "&$select=name,id&$filter="
                                + q("Thing/properties/site eq '" + open.id() + "'"),
                        token,
                        200)
                .path("value");
        List<String> names = texts(ordered, "name");
        assertThat(names).hasSize(4).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(ordered.get(0).has("description")).isFalse();
    }

    @Test
    void latestObservationOfEveryDatastreamComesInOneRequest() throws Exception {
        JsonNode things = get(
                        "Things?$top=1000&$filter=" + q("properties/site eq '" + open.id() + "'") + "&$expand="
                                + q("Datastreams($expand=Observations($top=1;$orderby=phenomenonTime desc))"),
                        token,
                        200)
                .path("value");
        assertThat(things).hasSize(2);
        int datastreams = 0;
        for (JsonNode t : things) {
            for (JsonNode d : t.path("Datastreams")) {
                datastreams++;
                assertThat(d.path("Observations")).hasSize(1);
                assertThat(d.path("Observations").get(0).path("phenomenonTime").asText())
                        .isEqualTo(StaData.START
                                .plusSeconds(60L * (StaData.MINUTES - 1))
                                .toString());
            }
        }
        assertThat(datastreams).isEqualTo(4);
    }

    @Test
    void propertiesValuesAndReferencesAreAddressable() throws Exception {
        long id =
                get("Things('" + open.id() + ":r2')", null, 200).path("@iot.id").asLong();
        assertThat(get("Things(" + id + ")/name", null, 200).path("name").asText())
                .isEqualTo("Klasse 3a");
        HttpResponse<String> value = collector.get("/sta/v1.1/Things(" + id + ")/name/$value", null);
        assertThat(value.body()).isEqualTo("Klasse 3a");
        JsonNode refs = get("Things(" + id + ")/Datastreams/$ref", null, 200).path("value");
        assertThat(refs).hasSize(1);
        assertThat(refs.get(0).size()).isEqualTo(1);
        assertThat(refs.get(0).path("@iot.selfLink").asText()).contains("/Datastreams(");
    }

    @Test
    void writesAreRefusedAsTheServiceIsReadOnly() throws Exception {
        for (String method : List.of("POST", "PATCH", "PUT", "DELETE")) {
            HttpResponse<String> r = collector.send(method, "/sta/v1.1/Things", token, "{\"name\":\"x\"}");
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.body()).contains("read-only");
        }
    }

    @Test
    void unknownEntitiesAnswer404AndBadOptions400WithAMessage() throws Exception {
        assertThat(get("Things(1)", null, 404).path("message").asText()).contains("no Thing");
        assertThat(get("Thingz", null, 404).path("message").asText()).contains("not an entity set");
        assertThat(get("Things?$top=-1", null, 400).path("message").asText()).contains("$top");
        assertThat(get("Observations?$skip=2147483647", token, 400)
                        .path("message")
                        .asText())
                .contains("$skip");
        assertThat(get("Things?$filter=" + q("name eq"), null, 400)
                        .path("message")
                        .asText())
                .contains("$filter");
        assertThat(get("Things?$resultFormat=dataArray", null, 400)
                        .path("message")
                        .asText())
                .contains("$resultFormat");
        assertThat(get("Things", "not-a-token", 401).path("message").asText()).contains("token");
    }

    @Test
    void hostileFiltersGet400WithAMessageNeverA5xx() throws Exception {
        List<String> hostile = new ArrayList<>();
        hostile.add("name eq 'x'' or 1 eq 1 --'");
        hostile.add("name eq '\"; DROP MEASUREMENT co2; --");
        hostile.add("length(".repeat(1000) + "name" + ")".repeat(1000) + " gt 1");
        hostile.add("(".repeat(1000) + "true" + ")".repeat(1000));
        hostile.add("name eq '" + "x".repeat(100 * 1024) + "'");
        hostile.add("not ".repeat(500) + "true");
        hostile.add("result gt 1 or ".repeat(2000) + "true");
        hostile.add("substringof(name)");
        hostile.add("geo.distance(name, 1) lt 1");
        hostile.add("phenomenonTime gt 2026-13-45T99:00:00Z");
        for (String f : hostile) {
            for (String path : List.of("Things", "Observations")) {
                HttpResponse<String> r = collector.get("/sta/v1.1/" + path + "?$filter=" + q(f), token);
                String shown = f.length() > 60 ? f.substring(0, 60) + "..." : f;
                assertThat(r.statusCode()).as(shown + " -> " + r.body()).isIn(200, 400);
                if (r.statusCode() == 400) {
                    assertThat(JSON.readTree(r.body()).path("message").asText())
                            .as(shown)
                            .isNotBlank();
                }
            }
        }
        // the injection attempts were read as plain strings: they match nothing and leave the data alone
        assertThat(get("Things?$filter=" + q(hostile.get(0)), token, 200).path("value"))
                .isEmpty();
        String ds = datastream(open.id() + ":r1", "co2");
        assertThat(get("Datastreams('" + ds + "')/Observations?$count=true&$top=1", token, 200)
                        .path("@iot.count")
                        .asLong())
                .isEqualTo(StaData.MINUTES);
    }

    @Test
    void randomPathsAndOptionsNeverAnswer5xx() throws Exception {
        java.util.Random random = new java.util.Random(18);
        List<String> paths = List.of(
                "Things",
                "Things('" + open.id() + ":r1')",
                "Locations",
                "HistoricalLocations",
                "Datastreams",
                "Sensors",
                "ObservedProperties",
                "FeaturesOfInterest",
                "Things(1)",
                "Observations(1)",
                "Things('" + open.id() + ":r1')/Datastreams",
                "FeaturesOfInterest('" + open.id() + ":r2')/Observations",
                "Things('" + open.id() + ":r1')/Locations",
                "Things('" + open.id() + ":r1')/name/$value",
                "Things('" + open.id() + ":r1')/Datastreams/$ref",
                "Things('x'')",
                "Things(()",
                "Things/Datastreams",
                "Datastreams('x')/Thing/name",
                "Things('" + open.id() + ":r1')/HistoricalLocations/Thing");
        List<String> options = List.of(
                "$top=2",
                "$skip=1",
                "$count=true",
                "$count=maybe",
                "$select=name,id",
                "$select=nosuch",
                "$orderby=name desc",
                "$orderby=",
                "$expand=Datastreams",
                "$expand=Nope",
                "$expand=Datastreams($select=name;$top=1;$expand=Observations($top=1))",
                "$expand=Datastreams(",
                "$filter=name eq 'x'",
                "$filter=result gt 600",
                "$filter=Datastreams/name eq 'x'",
                "$filter=phenomenonTime gt 2020-01-01T00:00:00Z",
                "window=1h",
                "window=0s",
                "aggregate=max",
                "aggregate=median",
                "$expand=Observations($orderby=result desc;$top=2)",
                "$filter=(((",
                "$filter=Thing/Locations/name eq 'x'",
                "$expand=Thing/Locations",
                "$top=1000000000");
        for (int i = 0; i < 300; i++) {
            StringBuilder url = new StringBuilder(paths.get(random.nextInt(paths.size())));
            int n = random.nextInt(4);
            for (int j = 0; j < n; j++) {
                String o = options.get(random.nextInt(options.size()));
                int eq = o.indexOf('=');
                url.append(j == 0 ? '?' : '&').append(o, 0, eq + 1).append(q(o.substring(eq + 1)));
            }
            String bearer = random.nextBoolean() ? token : null;
            HttpResponse<String> r = collector.get("/sta/v1.1/" + url, bearer);
            assertThat(r.statusCode()).as(url + " -> " + r.body()).isLessThan(500);
        }
    }

    /** The text key of a place's Datastream of a quantity's samples. */
    private static String datastream(String thingKey, String quantity) throws Exception {
        JsonNode ds = get(
                        "Things('" + thingKey + "')/Datastreams?$filter="
                                + q("properties/quantity eq '" + quantity + "'"),
                        token,
                        200)
                .path("value");
        assertThat(ds).hasSize(1);
        return ds.get(0).path("properties").path("key").asText();
    }
}
