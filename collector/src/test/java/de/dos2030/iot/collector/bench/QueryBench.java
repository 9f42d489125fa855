package de.dos2030.iot.collector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Query latency benchmark, driven by scripts/bench-query.sh against a running collector: loads 30
 * days of 10-second CO2 readings of one sensor straight into InfluxDB (the collector's layout),
 * then asks for a 1-day, 1-minute-window mean of that sensor through the API (as JSON and as CSV)
 * and sends the same InfluxQL straight to InfluxDB (as JSON, InfluxDB's default, and as
 * MessagePack, what the collector asks for), and asks the API for the same day's raw points (JSON
 * and CSV, the larger answers), interleaved, on random days, and prints p50/p95 of each, with the
 * collector's own account of its time (its Server-Timing header).
 * Usage: QueryBench collectorUrl adminToken influxUrl database iterations
 */
public final class QueryBench {
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern SERVER_TIMING = Pattern.compile("influxdb;dur=([0-9.]+), render;dur=([0-9.]+)");

    public static void main(String[] args) throws Exception {
        String collector = args[0];
        String admin = args[1];
        String influx = args[2];
        String db = args[3];
        int iterations = Integer.parseInt(args[4]);
        int dataDays = args.length > 5 ? Integer.parseInt(args[5]) : 365;
        int sensors = args.length > 6 ? Integer.parseInt(args[6]) : 20;
        int gateways = args.length > 7 ? Integer.parseInt(args[7]) : 2;
        int yearRawIterations = args.length > 8 ? Integer.parseInt(args[8]) : 20;
        HttpClient http = HttpClient.newHttpClient();
        // Whole local days: the year's windows are Berlin days, the site's (default) zone.
        LocalDate today = LocalDate.now(BERLIN);
        Instant end = today.atStartOfDay(BERLIN).toInstant();
        Instant start = today.minusDays(dataDays).atStartOfDay(BERLIN).toInstant();
        int monthDays = Math.min(30, dataDays);
        Instant monthStart = end.minus(Duration.ofDays(monthDays));

        long t0 = System.nanoTime();
        long points = YearLoad.load(URI.create(influx), db, start, end, sensors, gateways);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "loaded %,d points (%d days x %d sensors on %d gateways, 10 s) straight into InfluxDB in %.1f s (%,.0f points/s)%n",
                points, dataDays, sensors, gateways, loadSeconds, points / loadSeconds);
        long t1 = System.nanoTime();
        JsonNode rebuilt = YearLoad.rebuild(collector, admin, start, end);
        System.out.printf(
                "rebuild: %,d hour windows marked dirty in %.1f s (%s)%n",
                rebuilt.get("windows").asLong(), (System.nanoTime() - t1) / 1e9, rebuilt);
        YearLoad.awaitTiers(collector, admin, t1);
        System.out.printf("tiers built in %.1f s after the rebuild was asked for%n", (System.nanoTime() - t1) / 1e9);

        HttpResponse<String> issued = http.send(
                HttpRequest.newBuilder(URI.create(collector + "/admin/tokens"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"bench-viewer\",\"role\":\"viewer\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(issued.body());
        if (!m.find()) {
            throw new IllegalStateException("no token: " + issued.body());
        }
        String viewer = m.group(1);

        Random days = new Random(7);
        // Timed requests go over plain keep-alive connections: the JDK HttpClient added 1-3 ms to each
        // answer it timed, more for larger ones, which measured the client rather than the servers.
        KeepAliveHttp apiConnection = new KeepAliveHttp(URI.create(collector));
        KeepAliveHttp influxConnection = new KeepAliveHttp(URI.create(influx));
        String bearer = "Authorization: Bearer " + viewer;
        List<Case> cases = List.of(
                new Case("API (JSON)", Ask.WINDOW, apiConnection, "\"points\":1440", 0, bearer),
                new Case("API (CSV)", Ask.WINDOW, apiConnection, null, 1440, bearer, "Accept: text/csv"),
                new Case("InfluxDB direct (JSON)", Ask.INFLUXQL, influxConnection, "\"values\"", 0),
                new Case(
                        "InfluxDB direct (MessagePack)",
                        Ask.INFLUXQL,
                        influxConnection,
                        "values",
                        0,
                        "Accept: application/x-msgpack"),
                new Case("API raw (JSON)", Ask.RAW, apiConnection, "\"points\":8640", 0, bearer),
                new Case("API raw (CSV)", Ask.RAW, apiConnection, null, 8640, bearer, "Accept: text/csv"));
        String yearPoints = "\"points\":" + dataDays;
        List<Case> yearApi = new ArrayList<>();
        List<Case> yearRaw = new ArrayList<>();
        for (String aggregate : YEAR_AGGREGATES) {
            yearApi.add(new Case("API 1y/1d " + aggregate, Ask.YEAR_API, apiConnection, yearPoints, 0, bearer)
                    .aggregate(aggregate));
            yearRaw.add(new Case("InfluxDB raw 1y/1d " + aggregate, Ask.YEAR_RAW, influxConnection, "\"values\"", 0)
                    .aggregate(aggregate));
        }
        YearCheck.assertSame(apiConnection, influxConnection, bearer, db, start, end, dataDays);
        // Warm-up: a collector serves for weeks, so the JIT-compiled steady state is what counts; with
        // 20 warm-up rounds the API measured 1.6x direct, with 300 about 1.45x: the JIT had not settled.
        int warmup = 300;
        // The raw year takes seconds per query: asked in every k-th round only, after one untimed round.
        int rawEvery = Math.max(1, iterations / Math.max(1, yearRawIterations));
        for (int i = 0; i < warmup + iterations; i++) {
            Instant from = monthStart.plus(Duration.ofDays(days.nextInt(monthDays)));
            Instant to = from.plus(Duration.ofDays(1));
            List<Case> round = new ArrayList<>(cases);
            round.addAll(yearApi);
            boolean rawRound = i == warmup - 1 || (i >= warmup && (i - warmup) % rawEvery == 0);
            if (rawRound) {
                round.addAll(yearRaw);
            }
            // The order rotates, so that none of them always runs first (on a warmer or colder InfluxDB).
            for (int k = 0; k < round.size(); k++) {
                Case c = round.get((i + k) % round.size());
                String path = switch (c.ask) {
                    case WINDOW -> window(from, to);
                    case INFLUXQL -> influxQl(db, dayQl(from, to));
                    case RAW -> "/api/v1/series?quantity=co2&sensor=bench.co2&from=" + from + "&to=" + to;
                    case YEAR_API ->
                        "/api/v1/series?quantity=co2&sensor=bench.co2&from=" + start + "&to=" + end
                                + "&window=1d&aggregate=" + c.aggregate;
                    case YEAR_RAW -> influxQl(db, yearQl(c.aggregate, start, end));
                };
                Timed t = timed(c, path);
                if (i >= warmup) {
                    c.record(t);
                }
            }
        }
        print(cases, yearApi, yearRaw, iterations, dataDays);
    }

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final List<String> YEAR_AGGREGATES = List.of("mean", "min", "max");

    private static String window(Instant from, Instant to) {
        return "/api/v1/series?quantity=co2&sensor=bench.co2&from=" + from + "&to=" + to + "&window=1m&aggregate=mean";
    }

    /** What the collector would ask over the raw readings for the day's 1-minute means. */
    private static String dayQl(Instant from, Instant to) {
        return "SELECT mean(\"value\") AS \"value\" FROM \"school_raw\".\"co2\" WHERE time >= " + from.toEpochMilli()
                + "ms AND time < " + to.toEpochMilli() + "ms AND \"quality\" = 'ok' AND \"sensor\" = 'bench.co2'"
                + " GROUP BY time(60s), \"site\", \"gateway\", \"sensor\" fill(none)";
    }

    /** The year's local days straight from the raw readings: what the API answered before the tiers. */
    static String yearQl(String aggregate, Instant from, Instant to) {
        return "SELECT " + aggregate + "(\"value\") AS \"value\" FROM \"school_raw\".\"co2\" WHERE time >= "
                + from.toEpochMilli() + "ms AND time < " + to.toEpochMilli()
                + "ms AND \"quality\" = 'ok' AND \"sensor\" = 'bench.co2'"
                + " GROUP BY time(1d), \"site\", \"gateway\", \"sensor\" fill(none) tz('Europe/Berlin')";
    }

    static String influxQl(String db, String ql) {
        return "/query?epoch=ms&db=" + db + "&q=" + URLEncoder.encode(ql, StandardCharsets.UTF_8);
    }

    private static void print(List<Case> cases, List<Case> yearApi, List<Case> yearRaw, int iterations, int days) {
        Case api = cases.get(0);
        Case direct = cases.get(2);
        Case directMsgpack = cases.get(3);
        System.out.printf(
                "1-day, 1-minute mean of one sensor (1440 points, from the 1m tier); 1 day raw (8640 points); %d requests each, interleaved:%n",
                iterations);
        for (Case c : cases) {
            c.print();
        }
        System.out.printf(
                "  API / direct (JSON)          p50 %.2fx      p95 %.2fx   (target: within 1.1x)%n",
                pct(api.total, 50) / pct(direct.total, 50), pct(api.total, 95) / pct(direct.total, 95));
        System.out.printf(
                "  API / direct (MessagePack)   p50 %.2fx      p95 %.2fx%n",
                pct(api.total, 50) / pct(directMsgpack.total, 50), pct(api.total, 95) / pct(directMsgpack.total, 95));
        System.out.printf(
                "%d days at 1-day windows (Europe/Berlin) of one sensor, mean, min and max; API %d requests each, raw InfluxQL %d each:%n",
                days, yearApi.get(0).total.size(), yearRaw.get(0).total.size());
        List<Long> apiAll = new ArrayList<>();
        List<Long> rawAll = new ArrayList<>();
        for (int i = 0; i < yearApi.size(); i++) {
            yearApi.get(i).print();
            yearRaw.get(i).print();
            apiAll.addAll(yearApi.get(i).total);
            rawAll.addAll(yearRaw.get(i).total);
        }
        System.out.printf(
                "  API (all three)              p50 %6.1f ms   p95 %6.1f ms   (target: p95 <= 30 ms)%n",
                pct(apiAll, 50), pct(apiAll, 95));
        System.out.printf(
                "  raw InfluxQL (all three)     p50 %6.1f ms   p95 %6.1f ms%n", pct(rawAll, 50), pct(rawAll, 95));
        System.out.printf(
                "  raw / API                    p50 %.1fx      p95 %.1fx   (target: at least 20x)%n",
                pct(rawAll, 50) / pct(apiAll, 50), pct(rawAll, 95) / pct(apiAll, 95));
    }

    /** What a request asks for: the day's 1-minute means, through the API or straight; its raw points. */
    private enum Ask {
        WINDOW,
        INFLUXQL,
        RAW,
        YEAR_API,
        YEAR_RAW
    }

    /** One kind of request, on its connection, and its figures. */
    private static final class Case {
        final String name;
        final Ask ask;
        final KeepAliveHttp connection;
        /** Text a JSON answer must hold; null for CSV, whose rows are counted instead. */
        final String mustContain;

        final int csvRows;
        final String[] headers;
        final List<Long> total = new ArrayList<>();
        final List<Long> influx = new ArrayList<>();
        final List<Long> render = new ArrayList<>();
        String aggregate;

        Case(String name, Ask ask, KeepAliveHttp connection, String mustContain, int csvRows, String... headers) {
            this.name = name;
            this.ask = ask;
            this.connection = connection;
            this.mustContain = mustContain;
            this.csvRows = csvRows;
            this.headers = headers;
        }

        Case aggregate(String a) {
            this.aggregate = a;
            return this;
        }

        void print() {
            System.out.printf("  %-30s p50 %6.1f ms   p95 %6.1f ms%n", name, pct(total, 50), pct(total, 95));
            if (!influx.isEmpty()) {
                System.out.printf(
                        "    of which InfluxDB          p50 %6.1f ms   p95 %6.1f ms   (the collector asking and reading)%n",
                        pct(influx, 50), pct(influx, 95));
                System.out.printf(
                        "    of which our %-4s          p50 %6.1f ms   p95 %6.1f ms%n",
                        name.contains("CSV") ? "CSV" : "JSON", pct(render, 50), pct(render, 95));
            }
        }

        void record(Timed t) {
            total.add(t.micros);
            Matcher timing = SERVER_TIMING.matcher(t.answer.headers().getOrDefault("server-timing", ""));
            if (timing.find()) {
                influx.add(Math.round(Double.parseDouble(timing.group(1)) * 1000));
                render.add(Math.round(Double.parseDouble(timing.group(2)) * 1000));
            }
        }
    }

    private record Timed(long micros, KeepAliveHttp.Answer answer) {}

    private static Timed timed(Case c, String pathAndQuery) throws Exception {
        long t = System.nanoTime();
        KeepAliveHttp.Answer answer = c.connection.get(pathAndQuery, c.headers);
        long micros = (System.nanoTime() - t) / 1000;
        String text = new String(answer.body(), StandardCharsets.ISO_8859_1);
        boolean complete = c.mustContain != null
                ? text.contains(c.mustContain)
                : text.chars().filter(ch -> ch == '\n').count() == c.csvRows + 1; // the header and a row per point
        if (answer.status() != 200 || !complete) {
            throw new IllegalStateException(
                    pathAndQuery + " -> " + answer.status() + " " + text.substring(0, Math.min(300, text.length())));
        }
        return new Timed(micros, answer);
    }

    private static double pct(List<Long> micros, int p) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1000.0;
    }
}
