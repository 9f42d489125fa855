package de.dos2030.iot.collector.sta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Demo-like data for the SensorThings ITs: a public school with two classrooms (CO2, temperature and
 * humidity in r1, CO2 in r2), one reading a minute for two hours, starting {@link #START}: two days
 * ago, so that anonymous callers (delayed by a day, 10-minute windows) see it too.
 */
final class StaData {
    static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
    static final int MINUTES = 120;

    private StaData() {}

    record Site(String id, String gateway, String token) {}

    /** Registers a gateway, sends the place and readings, marks the site public (or not), waits until stored. */
    static Site school(TestCollector c, String site, boolean isPublic) throws Exception {
        return school(c, site, isPublic, START);
    }

    /** As {@link #school(TestCollector, String, boolean)}, the readings starting at {@code start}. */
    static Site school(TestCollector c, String site, boolean isPublic, Instant start) throws Exception {
        String gateway = site + "-gw";
        String token = c.register(gateway, site, SiteKind.SCHOOL).token();
        PlaceReport place = new PlaceReport(
                SiteKind.SCHOOL,
                "Grundschule " + site,
                "Kleyer Weg 1, 44149 Dortmund",
                51.4957,
                7.3855,
                "Europe/Berlin",
                List.of(
                        new PlaceReport.Location("r1", LocationKind.ROOM, "Klasse 4b", 2, "R204", null),
                        new PlaceReport.Location("r2", LocationKind.ROOM, "Klasse 3a", 2, "R205", null)),
                Map.of("r1-air", "r1", "r2-air", "r2"));
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < MINUTES; i++) {
            readings.add(Reading.sample("r1-air", Quantity.CO2, start.plusSeconds(60L * i), 600 + i));
        }
        for (int i = 0; i < MINUTES; i++) {
            readings.add(Reading.sample("r1-air", Quantity.TEMPERATURE, start.plusSeconds(60L * i), 20 + i / 100.0));
        }
        for (int i = 0; i < MINUTES; i++) {
            readings.add(Reading.sample("r1-air", Quantity.RELATIVE_HUMIDITY, start.plusSeconds(60L * i), 40 + i % 5));
        }
        for (int i = 0; i < MINUTES; i++) {
            readings.add(Reading.sample("r2-air", Quantity.CO2, start.plusSeconds(60L * i), 900 + i));
        }
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
                "boot-sta",
                1,
                Instant.now(),
                ClockSync.SYNCED,
                readings,
                List.of(),
                health);
        var answer = c.postBatch(BatchCodec.json().encode(b), "application/json", token);
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
        if (isPublic) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var r = c.send("PATCH", "/api/v1/sites/" + site, TestCollector.ADMIN_TOKEN, "{\"public\": true}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            });
        }
        return new Site(site, gateway, token);
    }
}
