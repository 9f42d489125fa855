package de.dos2030.iot.collector.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.SiteKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /admin/rollups/rebuild} over raw readings written straight into InfluxDB (as an import
 * or a version without tiers leaves them: no marks): it marks exactly the hours that hold readings,
 * per gateway, measurement and field; the worker then builds tiers equal to InfluxDB's own
 * aggregation of the raw readings, and the API answers whole days from the day tier. Hostile
 * parameters are refused with 400 naming them.
 */
class RollupRebuildIT {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String RUN = Long.toString(System.nanoTime(), 36);
    static final String SCHOOL = "rb-school-" + RUN;
    static final String BRIDGE = "rb-bridge-" + RUN;
    static final String GW_A = "rb-a-" + RUN;
    static final String GW_B = "rb-b-" + RUN;
    static final String GW_BRIDGE = "rb-br-" + RUN;
    static final String GW_OUTSIDE = "rb-out-" + RUN;
    static final ObjectMapper JSON = new ObjectMapper();
    static TestCollector collector;
    static String viewer;
    static Instant from;
    static Instant to;
    /** (gateway, measurement, field, hour) of every raw reading in [from, to): what a rebuild must mark. */
    static final Set<String> HOURS = new HashSet<>();

    @BeforeAll
    static void start() throws Exception {
        collector = new TestCollector(RollupFixtures.fastRollups());
        viewer = collector.apiToken("rb-viewer", Role.VIEWER);
        // From 13:xx two local days before four days ago, for 40 hours: a whole Berlin day in between.
        from = LocalDate.now(BERLIN)
                .minusDays(5)
                .atStartOfDay(BERLIN)
                .toInstant()
                .minus(Duration.ofHours(11))
                .plusSeconds(17 * 60 + 3);
        to = from.plus(Duration.ofHours(40));
        Random random = new Random(16);
        StringBuilder school = new StringBuilder();
        StringBuilder bridge = new StringBuilder();
        readings(school, random, GW_A, SCHOOL, "school", "co2", "value", List.of("r1.co2", "r2.co2"), 850, from, to);
        readings(school, random, GW_A, SCHOOL, "school", "temperature", "value", List.of("r1.t"), 21.5, from, to);
        // gateway B only in a few hours in the middle: a rebuild must not invent the others
        Instant bFrom =
                from.plus(Duration.ofHours(9)).truncatedTo(ChronoUnit.HOURS).plusSeconds(1800);
        readings(
                school,
                random,
                GW_B,
                SCHOOL,
                "school",
                "co2",
                "value",
                List.of("r3.co2"),
                600,
                bFrom,
                bFrom.plus(Duration.ofHours(3)));
        readings(bridge, random, GW_BRIDGE, BRIDGE, "bridge", "vibration", "rms", List.of("f1.acc"), 0.02, from, to);
        readings(bridge, random, GW_BRIDGE, BRIDGE, "bridge", "vibration", "peak", List.of("f1.acc"), 0.09, from, to);
        // outside the range rebuilt: stays unmarked
        Set<String> inRange = new HashSet<>(HOURS);
        readings(
                school,
                random,
                GW_OUTSIDE,
                SCHOOL,
                "school",
                "co2",
                "value",
                List.of("r9.co2"),
                700,
                to.plus(Duration.ofHours(2)),
                to.plus(Duration.ofHours(5)));
        HOURS.retainAll(inRange);
        write("school_raw", school);
        write("bridge_raw", bridge);
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void rebuildMarksEveryHourWithReadingsAndTheTiersThenEqualTheRawAggregation() throws Exception {
        assertThat(status().get("dirtyWindows").asLong()).isZero();

        HttpResponse<String> r = collector.send(
                "POST",
                "/admin/rollups/rebuild",
                TestCollector.ADMIN_TOKEN,
                "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.get("windows").asLong()).isEqualTo(HOURS.size());
        assertThat(answer.get("gateways").asInt()).isEqualTo(3);
        assertThat(answer.get("fields").toString())
                .isEqualTo("[\"co2.value\",\"temperature.value\",\"vibration.peak\",\"vibration.rms\"]");
        assertThat(answer.get("from").asText())
                .isEqualTo(from.truncatedTo(ChronoUnit.HOURS).toString());
        assertThat(answer.get("rollupsEnabled").asBoolean()).isTrue();
        assertThat(status().get("dirtyWindows").asLong()).isGreaterThan(0);

        RollupFixtures.awaitConverged(collector, Duration.ofSeconds(120));

        JsonNode after = status();
        assertThat(after.get("dirtyWindows").asLong()).isZero();
        assertThat(after.has("oldestMark"))
                .as("oldest mark of an empty backlog")
                .isFalse();
        try (TierOracle oracle = new TierOracle(TestInflux.DEV_URL, collector.database)) {
            oracle.assertTiersMatchRaw(SiteKind.SCHOOL, "co2", "value", GW_A, from, to, BERLIN);
            oracle.assertTiersMatchRaw(SiteKind.SCHOOL, "temperature", "value", GW_A, from, to, BERLIN);
            oracle.assertTiersMatchRaw(SiteKind.SCHOOL, "co2", "value", GW_B, from, to, BERLIN);
            oracle.assertTiersMatchRaw(SiteKind.BRIDGE, "vibration", "rms", GW_BRIDGE, from, to, BERLIN);
            oracle.assertTiersMatchRaw(SiteKind.BRIDGE, "vibration", "peak", GW_BRIDGE, from, to, BERLIN);
        }
        try (TestInflux influx = new TestInflux(TestInflux.DEV_URL, collector.database)) {
            assertThat(influx.count("SELECT count(\"value_count\") FROM \"school_1m\".\"co2\" WHERE gateway = '"
                            + GW_OUTSIDE + "'"))
                    .as("minute cells of the gateway outside the range")
                    .isZero();
        }
        Instant day = LocalDate.ofInstant(from, BERLIN)
                .plusDays(1)
                .atStartOfDay(BERLIN)
                .toInstant();
        HttpResponse<String> series = collector.get(
                "/api/v1/series?quantity=co2&gateway=" + GW_A + "&sensor=r1.co2&window=1d&aggregate=max&from=" + day
                        + "&to=" + day.plus(Duration.ofDays(1)),
                viewer);
        assertThat(series.statusCode()).as(series.body()).isEqualTo(200);
        JsonNode days = JSON.readTree(series.body());
        assertThat(days.get("sources").toString()).isEqualTo("[\"1d\"]");
        try (TestInflux influx = new TestInflux(TestInflux.DEV_URL, collector.database)) {
            double max = ((Number) influx.rows("SELECT max(\"value\") FROM \"school_raw\".\"co2\" WHERE gateway = '"
                                    + GW_A + "' AND sensor = 'r1.co2' AND quality = 'ok' AND time >= "
                                    + day.toEpochMilli() + "ms AND time < "
                                    + day.plus(Duration.ofDays(1)).toEpochMilli() + "ms")
                            .get(0)
                            .get(1))
                    .doubleValue();
            assertThat(days.at("/series/0/points/0/value").asDouble()).isEqualTo(max);
        }
    }

    @Test
    void rebuildOfOneGatewayByQueryParametersMarksOnlyItsHours() throws Exception {
        HttpResponse<String> r = collector.send(
                "POST",
                "/admin/rollups/rebuild?from=" + from + "&to=" + to + "&site=" + SCHOOL + "&gateway=" + GW_B,
                TestCollector.ADMIN_TOKEN,
                null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        long expected = HOURS.stream().filter(h -> h.startsWith(GW_B + "/")).count();
        assertThat(expected).isBetween(3L, 4L);
        assertThat(JSON.readTree(r.body()).get("windows").asLong()).isEqualTo(expected);
        assertThat(JSON.readTree(r.body()).get("gateway").asText()).isEqualTo(GW_B);
    }

    @Test
    void refusesHostileParametersNamingThem() throws Exception {
        String ok = "from=" + from + "&to=" + to;
        Map<String, String> cases = Map.ofEntries(
                Map.entry("to=" + to, "from is required"),
                Map.entry("from=" + from, "to is required"),
                Map.entry("from=yesterday&to=" + to, "from 'yesterday' is not an ISO-8601 instant"),
                Map.entry(
                        "from=" + from + "&to=%2B999999-01-01T00:00:00Z",
                        "to '+999999-01-01T00:00:00Z' is out of range"),
                Map.entry("from=" + to + "&to=" + from, "from (" + to + ") must be before to"),
                Map.entry("from=2024-01-01T00:00:00Z&to=2025-02-05T00:00:00Z", "a rebuild takes at most 400 days"),
                Map.entry(ok + "&site=x%27%20OR%20%271%27=%271", "site 'x' OR '1'='1' is not a valid id"),
                Map.entry(ok + "&gateway=" + "g".repeat(65), "gateway '" + "g".repeat(65) + "' is not a valid id"));
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r =
                    collector.send("POST", "/admin/rollups/rebuild?" + c.getKey(), TestCollector.ADMIN_TOKEN, null);
            if (r.statusCode() != 400 || !r.body().contains(c.getValue())) {
                failures.add(c.getKey() + " -> " + r.statusCode() + " " + r.body());
            }
        }
        HttpResponse<String> twice = collector.send(
                "POST",
                "/admin/rollups/rebuild?" + ok + "&site=a",
                TestCollector.ADMIN_TOKEN,
                "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"site\":\"b\"}");
        if (twice.statusCode() != 400 || !twice.body().contains("site is given twice")) {
            failures.add("site twice -> " + twice.statusCode() + " " + twice.body());
        }
        assertThat(failures).isEmpty();
        assertThat(collector
                        .send("POST", "/admin/rollups/rebuild?" + ok, viewer, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(collector.send("GET", "/admin/rollups", viewer, null).statusCode())
                .isEqualTo(403);
        assertThat(collector.send("GET", "/admin/rollups", null, null).statusCode())
                .isEqualTo(401);
    }

    private static JsonNode status() throws Exception {
        HttpResponse<String> r = collector.send("GET", "/admin/rollups", TestCollector.ADMIN_TOKEN, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode status = JSON.readTree(r.body());
        assertThat(status.get("enabled").asBoolean()).isTrue();
        return status;
    }

    /** Irregular readings (2 to 40 s apart) of each sensor in [a, b); about one in ten of another quality. */
    private static void readings(
            StringBuilder lines,
            Random random,
            String gateway,
            String site,
            String kind,
            String measurement,
            String field,
            List<String> sensors,
            double mean,
            Instant a,
            Instant b) {
        for (String sensor : sensors) {
            for (Instant t = a.plusMillis(random.nextInt(5000));
                    t.isBefore(b);
                    t = t.plusMillis(2000 + random.nextInt(38_000))) {
                String quality = random.nextInt(10) == 0 ? "suspect" : "ok";
                double value = Math.round(mean * (1 + random.nextGaussian() * 0.05) * 1000) / 1000.0;
                lines.append(measurement)
                        .append(",gateway=")
                        .append(gateway)
                        .append(",quality=")
                        .append(quality)
                        .append(",sensor=")
                        .append(sensor)
                        .append(",site=")
                        .append(site)
                        .append(",site_kind=")
                        .append(kind)
                        .append(' ')
                        .append(field)
                        .append('=')
                        .append(value)
                        .append(' ')
                        .append(t.toEpochMilli())
                        .append('\n');
                HOURS.add(gateway + "/" + measurement + "/" + field + "/" + t.truncatedTo(ChronoUnit.HOURS));
            }
        }
    }

    private static void write(String policy, StringBuilder lines) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(TestInflux.DEV_URL + "/write?precision=ms&db="
                                        + collector.database + "&rp=" + policy))
                                .POST(HttpRequest.BodyPublishers.ofString(lines.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }
}
