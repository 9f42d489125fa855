package de.dos2030.iot.collector.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        HttpClient http = HttpClient.newHttpClient();
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant start = end.minus(Duration.ofDays(30));

        long t0 = System.nanoTime();
        StringBuilder lines = new StringBuilder();
        long points = 0;
        Random values = new Random(42);
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(10)) {
            double co2 = 420
                    + 600 * Math.max(0, Math.sin((t.getEpochSecond() % 86400) / 86400.0 * Math.PI))
                    + values.nextGaussian() * 15;
            lines.append("co2,gateway=bench-gw,quality=ok,sensor=bench.co2,site=bench-site,site_kind=school value=")
                    .append(Math.round(co2 * 10) / 10.0)
                    .append(' ')
                    .append(t.toEpochMilli())
                    .append('\n');
            if (++points % 10_000 == 0) {
                write(http, influx, db, lines);
            }
        }
        write(http, influx, db, lines);
        System.out.printf("loaded %,d points (30 days, 10 s) in %.1f s%n", points, (System.nanoTime() - t0) / 1e9);

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
        // Warm-up: a collector serves for weeks, so the JIT-compiled steady state is what counts; with
        // 20 warm-up rounds the API measured 1.6x direct, with 300 about 1.45x: the JIT had not settled.
        int warmup = 300;
        for (int i = 0; i < warmup + iterations; i++) {
            Instant from = start.plus(Duration.ofDays(days.nextInt(30)));
            Instant to = from.plus(Duration.ofDays(1));
            String ql = "SELECT mean(\"value\") AS \"value\" FROM \"school_raw\".\"co2\" WHERE time >= "
                    + from.toEpochMilli()
                    + "ms AND time < " + to.toEpochMilli() + "ms AND \"quality\" = 'ok' AND \"sensor\" = 'bench.co2'"
                    + " GROUP BY time(60s), \"site\", \"gateway\", \"sensor\" fill(none)";
            String window = "/api/v1/series?quantity=co2&sensor=bench.co2&from=" + from + "&to=" + to
                    + "&window=1m&aggregate=mean";
            String straight = "/query?epoch=ms&db=" + db + "&q=" + URLEncoder.encode(ql, StandardCharsets.UTF_8);
            String raw = "/api/v1/series?quantity=co2&sensor=bench.co2&from=" + from + "&to=" + to;
            // The order rotates, so that none of them always runs first (on a warmer or colder InfluxDB).
            for (int k = 0; k < cases.size(); k++) {
                Case c = cases.get((i + k) % cases.size());
                String path = switch (c.ask) {
                    case WINDOW -> window;
                    case INFLUXQL -> straight;
                    case RAW -> raw;
                };
                Timed t = timed(c, path);
                if (i >= warmup) {
                    c.record(t);
                }
            }
        }
        Case api = cases.get(0);
        Case direct = cases.get(2);
        Case directMsgpack = cases.get(3);
        System.out.printf(
                "1-day, 1-minute mean of one sensor (1440 points); 1 day raw (8640 points); %d requests each, interleaved:%n",
                iterations);
        for (Case c : cases) {
            System.out.printf("  %-30s p50 %6.1f ms   p95 %6.1f ms%n", c.name, pct(c.total, 50), pct(c.total, 95));
            if (!c.influx.isEmpty()) {
                System.out.printf(
                        "    of which InfluxDB          p50 %6.1f ms   p95 %6.1f ms   (the collector asking, MessagePack, read into columns)%n",
                        pct(c.influx, 50), pct(c.influx, 95));
                System.out.printf(
                        "    of which our %-4s          p50 %6.1f ms   p95 %6.1f ms%n",
                        c.name.contains("CSV") ? "CSV" : "JSON", pct(c.render, 50), pct(c.render, 95));
            }
        }
        System.out.printf(
                "  API / direct (JSON)          p50 %.2fx      p95 %.2fx   (target: API p95 <= 150 ms and <= 1.3x direct)%n",
                pct(api.total, 50) / pct(direct.total, 50), pct(api.total, 95) / pct(direct.total, 95));
        System.out.printf(
                "  API / direct (MessagePack)   p50 %.2fx      p95 %.2fx%n",
                pct(api.total, 50) / pct(directMsgpack.total, 50), pct(api.total, 95) / pct(directMsgpack.total, 95));
    }

    /** What a request asks for: the day's 1-minute means, through the API or straight; its raw points. */
    private enum Ask {
        WINDOW,
        INFLUXQL,
        RAW
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

        Case(String name, Ask ask, KeepAliveHttp connection, String mustContain, int csvRows, String... headers) {
            this.name = name;
            this.ask = ask;
            this.connection = connection;
            this.mustContain = mustContain;
            this.csvRows = csvRows;
            this.headers = headers;
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

    private static void write(HttpClient http, String influx, String db, StringBuilder lines) throws Exception {
        if (lines.length() == 0) {
            return;
        }
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(influx + "/write?precision=ms&rp=school_raw&db=" + db))
                        .POST(HttpRequest.BodyPublishers.ofString(lines.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("InfluxDB write: " + r.statusCode() + " " + r.body());
        }
        lines.setLength(0);
    }
}
