package de.dos2030.iot.collector.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.Statistic;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Window queries answered from the rollup tiers equal InfluxDB's own aggregation of the raw
 * readings (count, min, max, last exactly; mean and stddev within 1e-9 relative), over random
 * ranges, windows, aggregates and zones, ragged ends and all; and the daylight-saving days of
 * Europe/Berlin have 23 and 25 hourly windows and one day each, from the tiers and from the raw readings.
 */
class TierAnswersIT {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String GATEWAY = "answers-gw-" + System.nanoTime();
    static final String SITE = "answers-site";
    static final List<String> SENSORS = List.of("room-1.co2", "room-2.co2");
    static TestCollector collector;
    static String viewer;
    static Instant dataFrom;
    static Instant dataTo;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> props = new HashMap<>(RollupFixtures.fastRollups());
        props.put("collector.ingest.rate.batches-per-second", 1000);
        props.put("collector.ingest.rate.burst", 1000);
        collector = new TestCollector(props);
        viewer = collector.apiToken("answers-viewer", Role.VIEWER);
        String token = collector.register(GATEWAY, SITE, SiteKind.SCHOOL).token();
        // Two and a half local days ending four days ago, and the daylight-saving days of 2026.
        Instant midnight =
                LocalDate.now(BERLIN).minusDays(5).atStartOfDay(BERLIN).toInstant();
        dataFrom = midnight.minus(Duration.ofHours(13)).plusSeconds(41);
        dataTo = midnight.plus(Duration.ofHours(47));
        List<RollupFixtures.Channel> air = List.of(
                new RollupFixtures.Channel(SENSORS.get(0), Quantity.CO2, Statistic.SAMPLE, 850, 120, 1),
                new RollupFixtures.Channel(SENSORS.get(1), Quantity.CO2, Statistic.SAMPLE, 1210.5, 0.7, 0.01));
        long sequence = 0;
        for (Batch b : RollupFixtures.batches(
                GATEWAY, SITE, "boot-1", sequence, air, dataFrom, dataTo, Duration.ofMinutes(20), 21)) {
            RollupFixtures.post(collector, token, b);
            sequence = b.sequence() + 1;
        }
        for (String day : List.of("2026-03-29", "2026-10-25")) {
            Instant start =
                    LocalDate.parse(day).atStartOfDay(BERLIN).toInstant().minus(Duration.ofHours(2));
            for (Batch b : RollupFixtures.batches(
                    GATEWAY,
                    SITE,
                    "boot-1",
                    sequence,
                    air.subList(0, 1),
                    start,
                    start.plus(Duration.ofHours(29)),
                    Duration.ofHours(2),
                    22)) {
                RollupFixtures.post(collector, token, b);
                sequence = b.sequence() + 1;
            }
        }
        RollupFixtures.awaitConverged(collector, Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void tierAnswersEqualTheRawAggregationOverRandomQueries() throws Exception {
        Random random = new Random(20261204);
        List<String> windows = List.of("1m", "5m", "15m", "1h", "2h", "1d", "2d");
        List<String> aggregates = List.of("mean", "min", "max", "count", "stddev", "last");
        List<String> zones = List.of("", "Europe/Berlin", "UTC", "Asia/Kolkata", "America/New_York");
        int fromTiers = 0;
        int queries = 120;
        try (TestInflux influx = new TestInflux(TestInflux.DEV_URL, collector.database)) {
            for (int i = 0; i < queries; i++) {
                String window = windows.get(random.nextInt(windows.size()));
                String aggregate = aggregates.get(random.nextInt(aggregates.size()));
                String zone = zones.get(random.nextInt(zones.size()));
                Instant from = dataFrom.plusSeconds(random.nextInt(20 * 3600));
                // Half of the ranges start on a whole day, hour or minute: the tiers' own boundaries.
                switch (random.nextInt(4)) {
                    case 0 ->
                        from = LocalDate.ofInstant(from, BERLIN)
                                .atStartOfDay(BERLIN)
                                .toInstant();
                    case 1 -> from = from.truncatedTo(ChronoUnit.HOURS);
                    default -> {}
                }
                Instant to = from.plusSeconds(3600 + random.nextInt(48 * 3600));
                String sensor = SENSORS.get(random.nextInt(SENSORS.size()));
                String where = "quantity=co2&gateway=" + GATEWAY + "&sensor=" + sensor + "&from=" + from + "&to=" + to
                        + "&window=" + window + "&aggregate=" + aggregate + (zone.isEmpty() ? "" : "&tz=" + zone);
                JsonNode answer = answer(where);
                if (!answer.get("sources").toString().equals("[\"raw\"]")) {
                    fromTiers++;
                }
                String tz = zone.isEmpty() ? "Europe/Berlin" : zone;
                Map<Instant, Double> expected = raw(influx, aggregate, sensor, from, to, window, tz);
                Map<Instant, Double> actual = points(answer);
                String what = where + " (sources " + answer.get("sources") + ")";
                assertThat(actual.keySet()).as(what).containsExactlyElementsOf(expected.keySet());
                expected.forEach((t, v) -> {
                    if (aggregate.equals("mean") || aggregate.equals("stddev")) {
                        TierOracle.assertClose(what + " at " + t, actual.get(t), v);
                    } else {
                        assertThat(actual.get(t)).as(what + " at " + t).isEqualTo(v);
                    }
                });
            }
        }
        assertThat(fromTiers).as("answers read from a tier").isGreaterThan(queries / 2);
    }

    @Test
    void wholeLocalDaysComeFromTheDayTierAlone() throws Exception {
        Instant day = LocalDate.ofInstant(dataFrom, BERLIN)
                .plusDays(1)
                .atStartOfDay(BERLIN)
                .toInstant();
        JsonNode answer = answer("quantity=co2&gateway=" + GATEWAY + "&sensor=room-1.co2&window=1d&aggregate=max&from="
                + day + "&to=" + day.plus(Duration.ofDays(1)));

        assertThat(answer.get("sources").toString()).isEqualTo("[\"1d\"]");
        assertThat(answer.get("zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(answer.at("/series/0/points")).hasSize(1);
    }

    @Test
    void daylightSavingDaysHaveTwentyThreeAndTwentyFiveHoursAndOneDay() throws Exception {
        for (String day : List.of("2026-03-29", "2026-10-25")) {
            Instant from = LocalDate.parse(day).atStartOfDay(BERLIN).toInstant();
            Instant to = LocalDate.parse(day).plusDays(1).atStartOfDay(BERLIN).toInstant();
            int hours = day.equals("2026-03-29") ? 23 : 25;
            String range = "quantity=co2&sensor=room-1.co2&tz=Europe/Berlin&from=" + from + "&to=" + to;
            for (String aggregate : List.of("count", "p95")) { // from the tiers, and from the raw readings
                JsonNode hourly = answer(range + "&window=1h&aggregate=" + aggregate);
                JsonNode daily = answer(range + "&window=1d&aggregate=" + aggregate);

                assertThat(hourly.at("/series/0/points"))
                        .as(day + " hours, " + aggregate)
                        .hasSize(hours);
                assertThat(daily.at("/series/0/points"))
                        .as(day + " days, " + aggregate)
                        .hasSize(1);
                assertThat(daily.at("/series/0/points/0/time").asText()).isEqualTo(from.toString());
                if (aggregate.equals("count")) {
                    assertThat(daily.get("sources").toString()).isEqualTo("[\"1d\"]");
                    long sum = 0;
                    for (JsonNode p : hourly.at("/series/0/points")) {
                        sum += p.get("value").asLong();
                    }
                    assertThat(daily.at("/series/0/points/0/value").asLong()).isEqualTo(sum);
                } else {
                    assertThat(daily.get("sources").toString()).isEqualTo("[\"raw\"]");
                }
            }
        }
    }

    private static JsonNode answer(String query) throws Exception {
        HttpResponse<String> r = collector.get("/api/v1/series?" + query, viewer);
        assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static Map<Instant, Double> points(JsonNode answer) {
        Map<Instant, Double> out = new java.util.LinkedHashMap<>();
        for (JsonNode series : answer.get("series")) {
            for (JsonNode p : series.get("points")) {
                out.put(Instant.parse(p.get("time").asText()), p.get("value").asDouble());
            }
        }
        return out;
    }

    /** InfluxDB's own answer over the raw readings, windows as InfluxQL aligns them. */
    private static Map<Instant, Double> raw(
            TestInflux influx, String aggregate, String sensor, Instant from, Instant to, String window, String tz) {
        boolean days = window.endsWith("d");
        String ql = "SELECT " + aggregate
                + "(\"value\") FROM \"school_raw\".\"co2\" WHERE quality = 'ok' AND gateway = '"
                + GATEWAY + "' AND sensor = '" + sensor + "' AND time >= " + from.toEpochMilli() + "ms AND time < "
                + to.toEpochMilli() + "ms GROUP BY time(" + window + ") fill(none)" + (days ? " tz('" + tz + "')" : "");
        Map<Instant, Double> out = new java.util.LinkedHashMap<>();
        for (List<Object> row : influx.rows(ql)) {
            if (row.get(1) != null) {
                out.put(
                        java.time.OffsetDateTime.parse((String) row.get(0)).toInstant(),
                        ((Number) row.get(1)).doubleValue());
            }
        }
        return out;
    }
}
