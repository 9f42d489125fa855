package de.dos2030.iot.collector.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A school with one room (r204, sensor r204-air: CO2, temperature, humidity) for the open-data ITs:
 * half an hour of 10-second samples yesterday from 09:00 local time, one of them suspect, and one
 * sample of each a few seconds ago. Anonymous requests go through 127.0.0.1 as a trusted proxy with
 * an X-Forwarded-For address of their own, so that the rate limit of one test does not hold up another.
 */
final class OpenData {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate YESTERDAY = LocalDate.now(BERLIN).minusDays(1);
    static final Instant START = YESTERDAY.atTime(9, 0).atZone(BERLIN).toInstant();
    static final int SAMPLES = 180;
    /** The sample of CO2 that is suspect. */
    static final int SUSPECT = 7;

    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OpenData() {}

    static double co2(int i) {
        return 600 + i + 0.5;
    }

    static double temperature(int i) {
        return 21 + i / 100.0;
    }

    /** Registers a gateway at {@code site} and sends the room and the readings; returns when they are stored. */
    static void seed(TestCollector collector, String gateway, String site, Instant now) throws Exception {
        String token = collector.register(gateway, site, SiteKind.SCHOOL).token();
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            Instant t = START.plusSeconds(10L * i);
            readings.add(new Reading(
                    "r204-air",
                    Quantity.CO2,
                    Statistic.SAMPLE,
                    t,
                    co2(i),
                    i == SUSPECT ? Quality.SUSPECT : Quality.OK));
            readings.add(Reading.sample("r204-air", Quantity.TEMPERATURE, t, temperature(i)));
            readings.add(Reading.sample("r204-air", Quantity.RELATIVE_HUMIDITY, t, 40));
        }
        Instant recent = now.minusSeconds(5);
        readings.add(Reading.sample("r204-air", Quantity.CO2, recent, 1234));
        PlaceReport place = new PlaceReport(
                SiteKind.SCHOOL,
                "Grundschule " + site,
                "Kleyer Weg 1, 44149 Dortmund",
                51.4957,
                7.3855,
                "Europe/Berlin",
                List.of(new PlaceReport.Location("r204", LocationKind.ROOM, "Klasse 4b", 2, "R204", null)),
                java.util.Map.of("r204-air", "r204"));
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
        Batch b = new Batch(
                Batch.FORMAT_VERSION,
                gateway,
                site,
                "boot-open",
                0,
                now,
                ClockSync.SYNCED,
                readings,
                List.of(),
                health);
        HttpResponse<String> r = collector.postBatch(BatchCodec.json().encode(b), "application/json", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** An anonymous GET from a client address of its own. */
    static HttpResponse<byte[]> anonymous(TestCollector collector, String path, String... headers) throws Exception {
        int n = CLIENTS.incrementAndGet();
        return get(collector, path, null, "198.51.100." + (n % 250) + "," + "192.0.2." + (n / 250), headers);
    }

    static HttpResponse<byte[]> get(
            TestCollector collector, String path, String bearer, String forwardedFor, String... headers)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(collector.url(path))).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
