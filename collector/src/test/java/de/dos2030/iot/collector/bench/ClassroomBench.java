package de.dos2030.iot.collector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classroom page under a school's worth of viewers (scripts/bench-web.sh): a gateway reports a
 * public school with room r204 and a week of its air, one reading a minute, through the HTTP door;
 * once the tiers are rolled up, it weighs the page (first load with every asset, gzip as a browser
 * asks; a refresh), warms up with 300 requests of each, and lets {@code viewers} displays watch it
 * ({@link ClassroomViewers}), first a tenth as many to show that InfluxDB's load does not grow with the viewers. Targets: p95 of the
 * full HTML <= 50 ms, first load < 150 KB, refresh < 10 KB, InfluxDB statements per minute flat.
 */
public final class ClassroomBench {
    static final String SITE = "gs-bench";
    static final String ROOM = "r204";
    static final String PAGE = "/schulen/" + SITE + "/" + ROOM;
    static final String ROOM_NAME = "Klasse 4b";
    private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/assets/[^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClassroomBench() {}

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String admin = args[1];
        int viewers = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        int readings = reportAWeek(http, base, admin);
        call(http, base, "PATCH", "/api/v1/sites/" + SITE, admin, "{\"public\":true}", 200);
        waitForTiers(http, base, admin);
        System.out.printf(
                "bench-web classroom: a week of %s (%,d readings) stored and rolled up in %.1f s%n",
                PAGE, readings, (System.nanoTime() - t0) / 1e9);

        weigh(base);
        try (KeepAliveHttp c = new KeepAliveHttp(base)) {
            for (int i = 0; i < 300; i++) { // warm-up: the JIT and the template cache, as WebBench does
                check(c.get(PAGE), PAGE);
                check(c.get(PAGE + "/jetzt"), PAGE);
            }
        }
        for (int n : new int[] {Math.max(1, viewers / 10), viewers}) {
            double statements = statements(http, base, admin);
            double influxQueries = influxQueryRequests();
            ClassroomViewers.Result r = ClassroomViewers.watch(base, n, seconds);
            double minutes = r.seconds() / 60.0;
            double ours = (statements(http, base, admin) - statements) / minutes;
            double all = (influxQueryRequests() - influxQueries) / minutes;
            System.out.printf(
                    "  %d viewers, %d s (a full reload every 10 s, /jetzt every 2 s between, as classroom.js polls):%n",
                    n, seconds);
            System.out.printf(
                    "    HTML  %,6d answers  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms  (target: p95 <= 50 ms)%n",
                    r.html().length, pct(r.html(), 50), pct(r.html(), 95), pct(r.html(), 99), max(r.html()));
            System.out.printf(
                    "    /jetzt %,5d answers  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    r.json().length, pct(r.json(), 50), pct(r.json(), 95), pct(r.json(), 99), max(r.json()));
            System.out.printf(
                    "    InfluxDB statements from the collector: %.0f a minute (InfluxDB's own query counter,"
                            + " all its clients: %.0f a minute)%n",
                    ours, all);
        }
    }

    /** Registers the gateway and sends its place with a week of CO2, temperature and humidity, a reading a minute. */
    private static int reportAWeek(HttpClient http, URI base, String admin) throws Exception {
        String registered = call(
                http,
                base,
                "POST",
                "/admin/gateways",
                admin,
                "{\"id\":\"bench-class-gw\",\"siteId\":\"" + SITE + "\",\"siteKind\":\"school\"}",
                201);
        Matcher token = TOKEN.matcher(registered);
        token.find();
        PlaceReport place = new PlaceReport(
                SiteKind.SCHOOL,
                "Grundschule Benchmark",
                "Kleyer Weg 1, 44149 Dortmund",
                51.4957,
                7.3855,
                "Europe/Berlin",
                List.of(new PlaceReport.Location(ROOM, LocationKind.ROOM, ROOM_NAME, 2, "R204", null)),
                Map.of("r204.co2", ROOM, "r204.temp", ROOM, "r204.rh", ROOM));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<Reading> batch = new ArrayList<>();
        int total = 0;
        long sequence = 0;
        for (int m = 7 * 24 * 60; m >= 0; m--) {
            Instant t = now.minus(m, ChronoUnit.MINUTES);
            int minuteOfDay = (int) ((t.getEpochSecond() / 60) % 1440);
            // lessons 07:00-13:00 UTC: CO2 climbs through each 90-minute block, falls in the break
            boolean lesson = minuteOfDay >= 420 && minuteOfDay < 780;
            double co2 = lesson ? 550 + 12 * ((minuteOfDay - 420) % 90) : 450;
            batch.add(Reading.sample("r204.co2", Quantity.CO2, t, co2));
            batch.add(Reading.sample("r204.temp", Quantity.TEMPERATURE, t, lesson ? 22.5 : 20.0));
            batch.add(Reading.sample("r204.rh", Quantity.RELATIVE_HUMIDITY, t, lesson ? 52 : 45));
            if (batch.size() >= 3000 || m == 0) {
                Batch b = TestBatches.withPlace(
                        "bench-class-gw", SITE, "boot-bench", ++sequence, batch, sequence == 1 ? place : null);
                call(
                        http,
                        base,
                        "POST",
                        "/api/v1/batches",
                        token.group(1),
                        new String(BatchCodec.json().encode(b)),
                        200);
                total += batch.size();
                batch = new ArrayList<>();
            }
        }
        return total;
    }

    /** Waits until the collector has rolled every window of the week into its tiers (at most 3 minutes). */
    private static void waitForTiers(HttpClient http, URI base, String admin) throws Exception {
        Thread.sleep(12_000); // the rollup's settle delay (10 s): windows are marked, not yet recomputed
        for (int i = 0; i < 170; i++) {
            if (metric(http, base, admin, "collector_rollup_dirty_windows") == 0) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the tiers were not rolled up after 3 minutes: see the collector's log");
    }

    /** The first load (HTML and every asset it names) and a refresh, as transferred with gzip. */
    private static void weigh(URI base) throws Exception {
        try (KeepAliveHttp c = new KeepAliveHttp(base)) {
            KeepAliveHttp.Answer page = c.get(PAGE, "Accept-Encoding: gzip");
            check(page, PAGE);
            String html = c.get(PAGE).text();
            Set<String> assets = new LinkedHashSet<>();
            Matcher m = ASSET.matcher(html);
            while (m.find()) {
                assets.add(m.group(1));
            }
            long first = size(page);
            StringBuilder each = new StringBuilder();
            for (String a : assets) {
                KeepAliveHttp.Answer asset = c.get(a, "Accept-Encoding: gzip");
                check(asset, a);
                first += size(asset);
                each.append(String.format("%s %.1f, ", a.substring(a.lastIndexOf('/') + 1), size(asset) / 1024.0));
            }
            KeepAliveHttp.Answer live = c.get(PAGE + "/jetzt", "Accept-Encoding: gzip");
            check(live, PAGE + "/jetzt");
            System.out.printf(
                    "  page weight, transferred (gzip where the collector compresses; headers included):%n"
                            + "    first load %.1f KB: HTML %.1f KB (%s encoding, %.1f KB unpacked) + %d assets: %s(target < 150 KB)%n"
                            + "    refresh: /jetzt %.1f KB as the display polls it (target < 10 KB); a full reload %.1f KB"
                            + " (the assets are cached: immutable)%n",
                    first / 1024.0,
                    size(page) / 1024.0,
                    page.headers().getOrDefault("content-encoding", "no"),
                    html.length() / 1024.0,
                    assets.size(),
                    each,
                    size(live) / 1024.0,
                    size(page) / 1024.0);
        }
    }

    /** Bytes on the wire: status line, headers and body. */
    private static long size(KeepAliveHttp.Answer a) {
        long headers = "HTTP/1.1 200 OK\r\n\r\n".length();
        for (Map.Entry<String, String> h : a.headers().entrySet()) {
            headers += h.getKey().length() + 2 + h.getValue().length() + 2;
        }
        return headers + a.body().length;
    }

    static KeepAliveHttp.Answer check(KeepAliveHttp.Answer a, String path) {
        if (a.status() != 200) {
            throw new IllegalStateException(path + " answered " + a.status() + ": " + a.text());
        }
        return a;
    }

    private static double statements(HttpClient http, URI base, String admin) throws Exception {
        return metric(http, base, admin, "collector_query_influx_statements_total");
    }

    private static double metric(HttpClient http, URI base, String admin, String name) throws Exception {
        String text = call(http, base, "GET", "/prometheus", admin, null, 200);
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException("the collector's /prometheus has no " + name);
    }

    /** InfluxDB's own count of /query requests (the dev services' InfluxDB on :18086, all its clients). */
    private static double influxQueryRequests() throws Exception {
        String vars = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:18086/debug/vars"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        JsonNode root = JSON.readTree(vars);
        for (var it = root.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().startsWith("httpd")) {
                return e.getValue().path("values").path("queryReq").asDouble();
            }
        }
        return Double.NaN;
    }

    private static String call(
            HttpClient http, URI base, String method, String path, String bearer, String body, int want)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + bearer)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != want) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static double pct(double[] sorted, int p) {
        return sorted.length == 0
                ? Double.NaN
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double max(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }
}
