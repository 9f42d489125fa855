package de.dos2030.iot.collector.bench;

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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The export benchmark's data (scripts/bench-export.sh): a gateway {@code bench-gw-1} of
 * {@link YearLoad#SITE} that reports room {@code r1} with its sensor {@code bench.co2} (so the
 * place registry and the activity tracker know what the room measures), then a calendar year of
 * 10-second CO2 readings of that sensor written straight into InfluxDB ({@link YearLoad}), and the
 * rollup tiers rebuilt. Usage: ExportBenchLoad collectorUrl adminToken influxUrl database year
 */
public final class ExportBenchLoad {
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    public static void main(String[] args) throws Exception {
        String collector = args[0];
        String admin = args[1];
        URI influx = URI.create(args[2]);
        String db = args[3];
        int year = Integer.parseInt(args[4]);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> registered = http.send(
                HttpRequest.newBuilder(URI.create(collector + "/admin/gateways"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"id\":\"bench-gw-1\",\"siteId\":\"" + YearLoad.SITE + "\",\"siteKind\":\"school\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(registered.body());
        if (!m.find()) {
            throw new IllegalStateException("no gateway token: " + registered.body());
        }
        PlaceReport place = new PlaceReport(
                SiteKind.SCHOOL,
                "Benchmark-Schule",
                null,
                51.5,
                7.4,
                "Europe/Berlin",
                List.of(new PlaceReport.Location("r1", LocationKind.ROOM, "Raum 1", 1, "R1", null)),
                Map.of(YearLoad.sensor(0), "r1"));
        GatewayHealth health = new GatewayHealth(
                "bench",
                "bench",
                Duration.ofMinutes(1),
                0,
                0,
                Duration.ZERO,
                0,
                null,
                null,
                ClockSync.SYNCED,
                null,
                place);
        Instant now = Instant.now();
        Batch batch = new Batch(
                Batch.FORMAT_VERSION,
                "bench-gw-1",
                YearLoad.SITE,
                "boot-bench",
                0,
                now,
                ClockSync.SYNCED,
                List.of(Reading.sample(YearLoad.sensor(0), Quantity.CO2, now.minusSeconds(1), 500)),
                List.of(),
                health);
        HttpResponse<String> sent = http.send(
                HttpRequest.newBuilder(URI.create(collector + "/api/v1/batches"))
                        .header("Authorization", "Bearer " + m.group(1))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                BatchCodec.json().encode(batch)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (sent.statusCode() != 200) {
            throw new IllegalStateException("health batch: " + sent.statusCode() + " " + sent.body());
        }
        Instant from = java.time.LocalDate.of(year, 1, 1).atStartOfDay(BERLIN).toInstant();
        Instant to = java.time.LocalDate.of(year + 1, 1, 1).atStartOfDay(BERLIN).toInstant();
        long t0 = System.nanoTime();
        long points = YearLoad.load(influx, db, from, to, 1, 1);
        System.out.printf(
                "loaded %,d points (%d, one sensor, 10 s) straight into InfluxDB in %.1f s%n",
                points, year, (System.nanoTime() - t0) / 1e9);
        long t1 = System.nanoTime();
        YearLoad.rebuild(collector, admin, from, to);
        YearLoad.awaitTiers(collector, admin, t1);
        System.out.printf("tiers built in %.1f s%n", (System.nanoTime() - t1) / 1e9);
    }
}
