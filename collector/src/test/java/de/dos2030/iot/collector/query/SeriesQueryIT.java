package de.dos2030.iot.collector.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.WireNames;
import de.dos2030.iot.model.codec.BatchCodec;
import io.micronaut.json.JsonMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Series queries against the dev InfluxDB: windowed aggregates equal what the test computes from
 * the readings it sent; CSV is exact; limits and hostile identifiers are refused.
 */
class SeriesQueryIT {
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    static final Duration SPAN = Duration.ofMinutes(20);
    static TestCollector collector;
    static String viewer;
    static JsonMapper json;
    static final List<Reading> SENT = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        collector = new TestCollector(Map.of());
        json = collector.context.getBean(JsonMapper.class);
        viewer = collector.apiToken("q-viewer", Role.VIEWER);
        String token = collector.register("q-gw", "q-site", SiteKind.SCHOOL).token();
        collector.register("q-gw2", "q-site2", SiteKind.BRIDGE);
        for (int i = 0; i * 7 < SPAN.toSeconds(); i++) {
            Instant t = T0.plusSeconds(i * 7L);
            SENT.add(new Reading(
                    "room-9.co2",
                    Quantity.CO2,
                    Statistic.SAMPLE,
                    t,
                    400 + (i * 37 % 211) + 0.5 * (i % 3),
                    i % 11 == 5 ? Quality.SUSPECT : Quality.OK));
            SENT.add(new Reading("room-8.co2", Quantity.CO2, Statistic.SAMPLE, t, 900 + (i * 13 % 97), Quality.OK));
        }
        Batch batch = new Batch(
                Batch.FORMAT_VERSION,
                "q-gw",
                "q-site",
                "boot-q",
                0,
                T0.plus(SPAN),
                ClockSync.SYNCED,
                SENT,
                List.of(),
                null);
        HttpResponse<String> r = collector.postBatch(BatchCodec.json().encode(batch), "application/json", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    /** The CSV's local_time of an instant: Europe/Berlin (the default zone) with its offset. */
    static String local(Instant t) {
        return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                t.atZone(java.time.ZoneId.of("Europe/Berlin")).toOffsetDateTime());
    }

    /** The good readings of room-9.co2 per epoch-aligned window, in time order. */
    static TreeMap<Instant, List<Double>> windows(Duration window) {
        TreeMap<Instant, List<Double>> out = new TreeMap<>();
        for (Reading r : SENT) {
            if (r.sensorId().equals("room-9.co2") && r.quality() == Quality.OK) {
                long start = r.time().toEpochMilli() / window.toMillis() * window.toMillis();
                out.computeIfAbsent(Instant.ofEpochMilli(start), k -> new ArrayList<>())
                        .add(r.value());
            }
        }
        return out;
    }

    /** InfluxDB's PERCENTILE: nearest rank at round(n * p / 100) - 1 of the sorted values. */
    static double p95(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int i = (int) Math.floor(sorted.size() * 95 / 100.0 + 0.5) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }

    private SeriesResult query(String params) throws Exception {
        HttpResponse<String> r = collector.send("GET", "/api/v1/series?" + params, viewer, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readValue(r.body(), SeriesResult.class);
    }

    private void assertWindows(String aggregate, Function<List<Double>, Double> expected) throws Exception {
        SeriesResult result = query("quantity=co2&gateway=q-gw&sensor=room-9.co2&from=" + T0 + "&to=" + T0.plus(SPAN)
                + "&window=5m&aggregate=" + aggregate);
        TreeMap<Instant, List<Double>> windows = windows(Duration.ofMinutes(5));
        assertThat(result.series()).hasSize(1);
        SeriesResult.Series s = result.series().get(0);
        assertThat(s.site()).isEqualTo("q-site");
        assertThat(s.gateway()).isEqualTo("q-gw");
        assertThat(s.sensor()).isEqualTo("room-9.co2");
        assertThat(s.points()).extracting(SeriesResult.Point::time).containsExactlyElementsOf(windows.keySet());
        int i = 0;
        for (List<Double> values : windows.values()) {
            assertThat(s.points().get(i++).value()).as(aggregate).isCloseTo(expected.apply(values), within(1e-9));
        }
        assertThat(result.unit()).isEqualTo("ppm");
        assertThat(result.window()).isEqualTo("PT5M");
    }

    @Test
    void windowedMeanMatchesTheReadingsSent() throws Exception {
        assertWindows(
                "mean",
                v -> v.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }

    @Test
    void readsInfluxDbsMessagePackAnswerAndSaysWhereTheTimeWent() throws Exception {
        var meters = collector.context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        double before = meters.counter("collector.query.influx.answers", "format", "msgpack")
                .count();
        HttpResponse<String> r = collector.send(
                "GET",
                "/api/v1/series?quantity=co2&sensor=room-9.co2&from=" + T0 + "&to=" + T0.plus(SPAN) + "&window=5m",
                viewer,
                null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(meters.counter("collector.query.influx.answers", "format", "msgpack")
                        .count())
                .isEqualTo(before + 1);
        assertThat(meters.counter("collector.query.influx.answers", "format", "json")
                        .count())
                .isZero();
        assertThat(r.headers().firstValue("Server-Timing").orElse(""))
                .matches("influxdb;dur=[0-9]+\\.[0-9]{2}, render;dur=[0-9]+\\.[0-9]{2}");
    }

    @Test
    void windowedMinMaxCountLastAndP95MatchTheReadingsSent() throws Exception {
        assertWindows(
                "min", v -> v.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        assertWindows(
                "max", v -> v.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        assertWindows("count", v -> (double) v.size());
        assertWindows("last", v -> v.get(v.size() - 1));
        assertWindows("p95", SeriesQueryIT::p95);
    }

    @Test
    void csvHasStableHeaderWithUnitAndExactRows() throws Exception {
        HttpResponse<String> r = collector.send(
                "GET",
                "/api/v1/series?quantity=co2&site=q-site&sensor=room-9.co2&from=" + T0 + "&to=" + T0.plus(SPAN)
                        + "&window=10m&aggregate=max",
                viewer,
                null,
                "Accept",
                "text/csv");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        StringBuilder expected = new StringBuilder(
                "time,local_time,site,gateway,sensor,quantity,statistic,aggregate,window,value [ppm]\r\n");
        windows(Duration.ofMinutes(10))
                .forEach((t, v) -> expected.append(t)
                        .append(',')
                        .append(local(t))
                        .append(",q-site,q-gw,room-9.co2,co2,sample,max,PT10M,")
                        .append(new java.math.BigDecimal(Double.toString(v.stream()
                                        .mapToDouble(Double::doubleValue)
                                        .max()
                                        .orElseThrow()))
                                .stripTrailingZeros()
                                .toPlainString())
                        .append("\r\n"));
        assertThat(r.body()).isEqualTo(expected.toString());
        assertThat(collector
                        .send(
                                "GET",
                                "/api/v1/series?format=csv&quantity=co2&site=q-site&sensor=room-9.co2&from=" + T0
                                        + "&to=" + T0.plus(SPAN) + "&window=10m&aggregate=max",
                                viewer,
                                null)
                        .body())
                .isEqualTo(expected.toString());
    }

    @Test
    void rawPointsWithAnyQualityAreEveryReadingSentEachWithItsQuality() throws Exception {
        SeriesResult all = query("quantity=co2&gateway=q-gw&from=" + T0 + "&to=" + T0.plus(SPAN) + "&quality=any");
        assertThat(all.points()).isEqualTo(SENT.size());
        assertThat(all.series()).extracting(SeriesResult.Series::sensor).containsExactly("room-8.co2", "room-9.co2");
        SeriesResult.Series room9 = all.series().get(1);
        assertThat(room9.quality()).isNull();
        assertThat(room9.points())
                .extracting(SeriesResult.Point::quality)
                .containsExactlyElementsOf(SENT.stream()
                        .filter(x -> x.sensorId().equals("room-9.co2"))
                        .map(x -> WireNames.of(x.quality()))
                        .toList());
        assertThat(room9.points()).extracting(SeriesResult.Point::quality).contains("suspect");
        SeriesResult ok = query("quantity=co2&gateway=q-gw&sensor=room-9.co2&from=" + T0 + "&to=" + T0.plus(SPAN));
        assertThat(ok.points())
                .isEqualTo(SENT.stream()
                        .filter(x -> x.sensorId().equals("room-9.co2") && x.quality() == Quality.OK)
                        .count());
        assertThat(ok.series().get(0).points())
                .extracting(SeriesResult.Point::quality)
                .containsOnly("ok");
    }

    private static String influxQl(String window, String quality) {
        SeriesQuery q = SeriesQuery.parse(
                "co2", null, null, null, null, null, null, null, window, null, quality, null, T0, Duration.ofHours(1));
        return collector.context.getBean(SeriesService.class).influxQl(q);
    }

    @Test
    void asksInfluxDbForTheQualityOnlyWhereTheFilterDoesNotFixIt() {
        assertThat(influxQl(null, "any")).contains("AS \"value\", \"quality\"::tag FROM");
        assertThat(influxQl(null, "ok")).doesNotContain("::tag").contains("\"quality\" = 'ok'");
        assertThat(influxQl("1m", "any")).endsWith("\"site\", \"gateway\", \"sensor\", \"quality\" fill(none)");
        assertThat(influxQl("1m", "ok"))
                .doesNotContain("::tag")
                .endsWith("\"site\", \"gateway\", \"sensor\" fill(none)");
    }

    @Test
    void rawCsvHasAQualityColumnAndExactRows() throws Exception {
        Instant to = T0.plusSeconds(7 * 8);
        HttpResponse<String> r = collector.send(
                "GET",
                "/api/v1/series?format=csv&quantity=co2&sensor=room-9.co2&quality=any&from=" + T0 + "&to=" + to,
                viewer,
                null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        StringBuilder expected = new StringBuilder(
                "time,local_time,site,gateway,sensor,quantity,statistic,aggregate,window,value [ppm],quality\r\n");
        for (Reading x : SENT) {
            if (x.sensorId().equals("room-9.co2") && x.time().isBefore(to)) {
                expected.append(x.time())
                        .append(',')
                        .append(local(x.time()))
                        .append(",q-site,q-gw,room-9.co2,co2,sample,none,,")
                        .append(new java.math.BigDecimal(Double.toString(x.value()))
                                .stripTrailingZeros()
                                .toPlainString())
                        .append(',')
                        .append(WireNames.of(x.quality()))
                        .append("\r\n");
            }
        }
        assertThat(r.body()).isEqualTo(expected.toString()).contains(",suspect\r\n");
    }

    @Test
    void windowsOfAnyQualityAreCountedPerQualityNeverMixed() throws Exception {
        SeriesResult result = query("quantity=co2&sensor=room-9.co2&from=" + T0 + "&to=" + T0.plus(SPAN)
                + "&window=5m&aggregate=count&quality=any");
        assertThat(result.series()).extracting(SeriesResult.Series::quality).containsExactly("ok", "suspect");
        for (SeriesResult.Series s : result.series()) {
            TreeMap<Instant, Long> expected = new TreeMap<>();
            for (Reading x : SENT) {
                if (x.sensorId().equals("room-9.co2")
                        && WireNames.of(x.quality()).equals(s.quality())) {
                    long start = x.time().toEpochMilli() / 300_000 * 300_000;
                    expected.merge(Instant.ofEpochMilli(start), 1L, Long::sum);
                }
            }
            assertThat(s.points()).extracting(SeriesResult.Point::time).containsExactlyElementsOf(expected.keySet());
            assertThat(s.points()).extracting(p -> (long) p.value()).containsExactlyElementsOf(expected.values());
            assertThat(s.points()).extracting(SeriesResult.Point::quality).containsOnlyNulls();
        }
        String csv = collector
                .send(
                        "GET",
                        "/api/v1/series?format=csv&quantity=co2&sensor=room-9.co2&from=" + T0 + "&to=" + T0.plus(SPAN)
                                + "&window=5m&aggregate=count&quality=any",
                        viewer,
                        null)
                .body();
        assertThat(csv)
                .startsWith(
                        "time,local_time,site,gateway,sensor,quantity,statistic,aggregate,window,value [ppm],quality\r\n")
                .contains(",q-site,q-gw,room-9.co2,co2,sample,count,PT5M,")
                .endsWith(",suspect\r\n");
        assertThat(csv.split("\r\n")).hasSize((int) result.points() + 1);
    }

    @Test
    void answerOverThePointLimitIsRefusedWithAClearError() throws Exception {
        HttpResponse<String> r = collector.send(
                "GET",
                "/api/v1/series?quantity=co2&window=1s&from=" + T0.minus(Duration.ofDays(30)) + "&to=" + T0,
                viewer,
                null);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("over the limit of 100000 points").contains("larger window");
    }

    @Test
    void badParametersAreNamedInTheError() throws Exception {
        assertThat(collector.send("GET", "/api/v1/series", viewer, null).body()).contains("quantity is required");
        assertThat(collector
                        .send("GET", "/api/v1/series?quantity=radon", viewer, null)
                        .body())
                .contains("quantity 'radon' is unknown");
        assertThat(collector
                        .send("GET", "/api/v1/series?quantity=co2&window=1m&aggregate=median", viewer, null)
                        .body())
                .contains("aggregate 'median' is unknown");
        assertThat(collector
                        .send("GET", "/api/v1/series?quantity=co2&from=yesterday", viewer, null)
                        .statusCode())
                .isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "x' OR '1'='1",
                "room-9.co2' ; DROP MEASUREMENT co2 ; --",
                "x\" ; DROP DATABASE \"x",
                "x') OR (sensor =~ /.*/",
                "-leading-dash",
                "a\\'b",
                "../etc",
                "ok\nSELECT",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void hostileIdentifiersAreRefusedAndNeverExecuted(String hostile) throws Exception {
        String q = URLEncoder.encode(hostile, StandardCharsets.UTF_8);
        for (String param : List.of("sensor", "site", "gateway")) {
            HttpResponse<String> r =
                    collector.send("GET", "/api/v1/series?quantity=co2&" + param + "=" + q, viewer, null);
            assertThat(r.statusCode()).as(param + "=" + hostile).isEqualTo(400);
            assertThat(r.body()).contains("is not a valid id");
        }
        assertThat(collector
                        .send("GET", "/api/v1/sensors?site=" + q, viewer, null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(collector
                        .send("GET", "/api/v1/alerts?sensorId=" + q, viewer, null)
                        .statusCode())
                .isEqualTo(400);
        try (TestInflux influx = new TestInflux(TestInflux.DEV_URL, collector.database)) {
            assertThat(influx.count("SELECT count(value) FROM bridge_raw.co2,school_raw.co2 WHERE gateway='q-gw'"))
                    .isEqualTo(SENT.size());
        }
    }

    @Test
    void quotedLiteralIsComparedAsDataEvenWhenItHoldsQuotes() {
        InfluxReader reader = collector.context.getBean(InfluxReader.class);
        String base = "SELECT count(\"value\") FROM \"bridge_raw\".\"co2\",\"school_raw\".\"co2\" WHERE \"sensor\" = ";
        assertThat(reader.series(base + InfluxQl.literal("room-9.co2"))).hasSize(1);
        assertThat(reader.series(base + InfluxQl.literal("x' OR \"sensor\" = 'room-9.co2")))
                .isEmpty();
        assertThat(reader.series(base + InfluxQl.literal("x\\' OR \"sensor\" = \\'room-9.co2")))
                .isEmpty();
    }

    @Test
    void inventoryListsSitesGatewaysAndSensors() throws Exception {
        assertThat(collector.send("GET", "/api/v1/sites", viewer, null).body())
                .contains("{\"id\":\"q-site\",\"kind\":\"school\",\"timeZone\":\"Europe/Berlin\",\"public\":false,"
                        + "\"locations\":0,\"gateways\":[\"q-gw\"]}")
                .contains("{\"id\":\"q-site2\",\"kind\":\"bridge\",");
        String gateways =
                collector.send("GET", "/api/v1/gateways", viewer, null).body();
        assertThat(gateways)
                .contains("\"id\":\"q-gw\"")
                .contains("\"state\":\"online\"")
                .contains("\"bootId\":\"boot-q\"")
                .contains("\"state\":\"never-seen\"");
        String sensors = collector
                .send("GET", "/api/v1/sensors?gateway=q-gw", viewer, null)
                .body();
        assertThat(sensors)
                .contains("\"sensor\":\"room-9.co2\",\"quantity\":\"co2\",\"unit\":\"ppm\"")
                .contains("\"sensor\":\"room-8.co2\"")
                .doesNotContain("q-gw2");
        assertThat(collector.send("GET", "/api/v1/gateways/nope", viewer, null).statusCode())
                .isEqualTo(404);
    }
}
