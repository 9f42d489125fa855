package de.dos2030.iot.collector.places;

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

/** Health batches with a place description, as an edge agent sends them, for the places ITs. */
final class PlaceBatches {
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));

    private PlaceBatches() {}

    /** Grundschule Kley with rooms r204 and r205, a CO2 sensor in each. */
    static PlaceReport kley(String name) {
        return new PlaceReport(
                SiteKind.SCHOOL,
                name,
                "Kleyer Weg 1, 44149 Dortmund",
                51.4957,
                7.3855,
                "Europe/Berlin",
                List.of(
                        new PlaceReport.Location("r204", LocationKind.ROOM, "Klasse 4b", 2, "R204", null),
                        new PlaceReport.Location("r205", LocationKind.ROOM, "Klasse 3a", 2, "R205", null)),
                Map.of("r204-air", "r204", "r205-air", "r205"));
    }

    /** A health batch carrying {@code place} and ten minutes of CO2 of both rooms' sensors. */
    static byte[] health(String gateway, String site, long sequence, PlaceReport place) {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            readings.add(Reading.sample("r204-air", Quantity.CO2, T0.plusSeconds(60L * i), 600 + i));
            readings.add(Reading.sample("r205-air", Quantity.CO2, T0.plusSeconds(60L * i), 900 + i));
        }
        GatewayHealth health = new GatewayHealth(
                "0.1.0",
                "cfg-" + sequence,
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
                "boot-places",
                sequence,
                Instant.now(),
                ClockSync.SYNCED,
                readings,
                List.of(),
                health);
        return BatchCodec.json().encode(b);
    }
}
