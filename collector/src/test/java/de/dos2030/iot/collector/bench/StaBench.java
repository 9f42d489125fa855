package de.dos2030.iot.collector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SensorThings benchmark, driven by scripts/bench-sta.sh against a running collector: registers
 * {@code things / 10} school sites with ten rooms each (one sensor a room: CO2, temperature, humidity),
 * sends each site's place and readings through the HTTP door, marks the sites public, then times
 * "the latest observation of every Datastream of every Thing" in one request,
 * {@code Things?$top=N&$expand=Datastreams($expand=Observations($top=1;$orderby=phenomenonTime desc))},
 * with a viewer token (raw, answered from the collector's last values) and a few times anonymously
 * (the public tier: 10-minute means from InfluxDB, one query per Datastream). Prints p50/p95/max.
 * Usage: StaBench collectorUrl adminToken things iterations anonymousIterations
 */
public final class StaBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String collector = args[0];
        String admin = args[1];
        int things = Integer.parseInt(args[2]);
        int iterations = Integer.parseInt(args[3]);
        int anonymousIterations = Integer.parseInt(args[4]);
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        KeepAliveHttp http = new KeepAliveHttp(URI.create(collector));
        String adminHeader = "Authorization: Bearer " + admin;
        int sites = Math.max(1, things / 10);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        long t0 = System.nanoTime();
        for (int s = 0; s < sites; s++) {
            String site = "bsta-" + run + "-" + s;
            String gateway = site + "-gw";
            byte[] registration =
                    bytes("{\"id\":\"" + gateway + "\",\"siteId\":\"" + site + "\",\"siteKind\":\"school\"}");
            JsonNode reg = json(http.post(
                    "/admin/gateways",
                    registration,
                    registration.length,
                    adminHeader,
                    "Content-Type: application/json"));
            byte[] batch = BatchCodec.json().encode(batch(gateway, site, now));
            KeepAliveHttp.Answer sent = http.post(
                    "/api/v1/batches",
                    batch,
                    batch.length,
                    "Authorization: Bearer " + reg.path("token").asText(),
                    "Content-Type: application/json");
            if (sent.status() >= 300) {
                throw new IllegalStateException("batch refused: " + new String(sent.body(), StandardCharsets.UTF_8));
            }
            // the place report is stored after the batch's answer; an edit racing it can meet a duplicate row
            KeepAliveHttp.Answer patched = null;
            for (int attempt = 0; attempt < 50 && (patched == null || patched.status() != 200); attempt++) {
                if (attempt > 0) {
                    Thread.sleep(100);
                }
                patched = http.patch(
                        "/api/v1/sites/" + site,
                        bytes("{\"public\": true}"),
                        adminHeader,
                        "Content-Type: application/json");
            }
            if (patched.status() != 200) {
                throw new IllegalStateException(
                        "site not made public: " + new String(patched.body(), StandardCharsets.UTF_8));
            }
        }
        System.out.printf(
                "loaded %d sites, %d Things, %d Datastreams in %.1f s%n",
                sites, sites * 10, sites * 30, (System.nanoTime() - t0) / 1e9);
        byte[] tokenRequest = bytes("{\"id\":\"bench-sta-" + run + "\",\"role\":\"viewer\"}");
        String viewer = json(http.post(
                        "/admin/tokens",
                        tokenRequest,
                        tokenRequest.length,
                        adminHeader,
                        "Content-Type: application/json"))
                .path("token")
                .asText();
        String filter = "startswith(properties/site, 'bsta-" + run + "-')";
        String query = "/sta/v1.1/Things?$top=" + sites * 10 + "&$filter=" + q(filter) + "&$expand="
                + q("Datastreams($expand=Observations($top=1;$orderby=phenomenonTime desc))");
        String bearer = "Authorization: Bearer " + viewer;
        for (int i = 0; i < 20; i++) {
            check(http.get(query, bearer), sites * 10);
        }
        List<Double> ms = new ArrayList<>();
        List<Double> server = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            KeepAliveHttp.Answer a = http.get(query, bearer);
            ms.add((System.nanoTime() - t) / 1e6);
            server.add(serverMillis(a, "model", "answer", "json"));
            cpu.add(serverMillis(a, "cpu"));
            bytes = a.body().length;
            if (i % 50 == 0) {
                check(a, sites * 10);
            }
        }
        report("token (raw, last values)", ms, bytes);
        report("  of which the collector's own work (Server-Timing: model + answer + json)", server, bytes);
        report("  the collector's CPU time for it (Server-Timing: cpu)", cpu, bytes);
        ms.clear();
        for (int i = 0; i < anonymousIterations; i++) {
            long t = System.nanoTime();
            KeepAliveHttp.Answer a = http.get(query);
            ms.add((System.nanoTime() - t) / 1e6);
            bytes = a.body().length;
            check(a, sites * 10);
        }
        if (anonymousIterations > 0) {
            report("anonymous (10-minute means from InfluxDB)", ms, bytes);
        }
        http.close();
    }

    private static Batch batch(String gateway, String site, Instant now) {
        List<PlaceReport.Location> rooms = new ArrayList<>();
        Map<String, String> sensors = new HashMap<>();
        List<Reading> readings = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            rooms.add(new PlaceReport.Location("room-" + r, LocationKind.ROOM, "Raum " + r, 1, "R" + r, null));
            sensors.put("room-" + r + ".air", "room-" + r);
        }
        for (int r = 0; r < 10; r++) {
            for (Quantity q : List.of(Quantity.CO2, Quantity.TEMPERATURE, Quantity.RELATIVE_HUMIDITY)) {
                // two days ago (public for anonymous callers) and the last hour (live for token holders)
                for (Instant start : List.of(now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(1)))) {
                    for (int i = 0; i < 6; i++) {
                        double v =
                                q == Quantity.CO2 ? 500 + 10 * r + i : q == Quantity.TEMPERATURE ? 21 + i / 10.0 : 45;
                        readings.add(
                                Reading.sample("room-" + r + ".air", q, start.plus(Duration.ofMinutes(10L * i)), v));
                    }
                }
            }
        }
        PlaceReport place = new PlaceReport(
                SiteKind.SCHOOL,
                "Schule " + site,
                "Musterweg 1, Dortmund",
                51.5 + (site.hashCode() % 100) / 1000.0,
                7.4,
                "Europe/Berlin",
                rooms,
                sensors);
        GatewayHealth health = new GatewayHealth(
                "0.1.0",
                "cfg-1",
                Duration.ofMinutes(5),
                0,
                0,
                Duration.ZERO,
                0,
                null,
                null,
                ClockSync.SYNCED,
                null,
                place);
        return new Batch(
                Batch.FORMAT_VERSION,
                gateway,
                site,
                "boot-bench",
                1,
                Instant.now(),
                ClockSync.SYNCED,
                readings,
                List.of(),
                health);
    }

    private static void check(KeepAliveHttp.Answer a, int things) throws Exception {
        JsonNode body = json(a);
        if (a.status() != 200 || body.path("value").size() != things) {
            throw new IllegalStateException("expected " + things + " Things, got " + a.status() + " "
                    + new String(a.body(), 0, Math.min(500, a.body().length), StandardCharsets.UTF_8));
        }
        int observations = 0;
        for (JsonNode t : body.path("value")) {
            for (JsonNode d : t.path("Datastreams")) {
                observations += d.path("Observations").size();
            }
        }
        if (observations != things * 3) {
            throw new IllegalStateException("expected " + things * 3 + " latest observations, got " + observations);
        }
    }

    /** The sum of these Server-Timing metrics' durations. */
    private static double serverMillis(KeepAliveHttp.Answer a, String... names) {
        String timing = a.headers().getOrDefault("server-timing", "");
        double sum = 0;
        for (String part : timing.split(",")) {
            String name = part.trim().split(";")[0];
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("dur=([0-9.]+)").matcher(part);
            if (java.util.Arrays.asList(names).contains(name) && m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
        }
        return sum;
    }

    private static void report(String what, List<Double> ms, long bytes) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.printf(
                "%s: %d requests, p50 %.1f ms, p95 %.1f ms, max %.1f ms, answer %,d bytes%n",
                what,
                sorted.size(),
                sorted.get(sorted.size() / 2),
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1)),
                sorted.get(sorted.size() - 1),
                bytes);
    }

    private static JsonNode json(KeepAliveHttp.Answer a) throws Exception {
        return JSON.readTree(a.body());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
