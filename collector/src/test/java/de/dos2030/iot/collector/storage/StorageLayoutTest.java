package de.dos2030.iot.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.validation.Problem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageLayoutTest {
    static final Instant T = Instant.parse("2025-03-01T10:00:00.123Z");
    static final Batch BATCH =
            new Batch(1, "gw-1", "bridge-7", "boot-1", 4, T, ClockSync.SYNCED, List.of(), List.of(), null);

    @Test
    void writesSampleToQuantityMeasurementWithTagsAndMillisecondTime() {
        String line = StorageLayout.reading(BATCH, "bridge", Reading.sample("deck.strain", Quantity.STRAIN, T, 12.5));
        assertThat(line)
                .isEqualTo(
                        "strain,gateway=gw-1,quality=ok,sensor=deck.strain,site=bridge-7,site_kind=bridge value=12.5 "
                                + T.toEpochMilli());
    }

    @Test
    void namesStatisticFieldsByStatisticAndVibrationFeatureFieldsByFeature() {
        assertThat(StorageLayout.fieldOf(Quantity.CO2, Statistic.MEAN)).isEqualTo("mean");
        assertThat(StorageLayout.fieldOf(Quantity.VIBRATION_RMS, Statistic.SAMPLE))
                .isEqualTo("rms");
        assertThat(StorageLayout.fieldOf(Quantity.VIBRATION_RMS, Statistic.MAX)).isEqualTo("rms_max");
        assertThat(StorageLayout.reading(
                        BATCH,
                        "bridge",
                        new Reading("acc", Quantity.DOMINANT_FREQUENCY, Statistic.SAMPLE, T, 3.2, Quality.SUSPECT)))
                .startsWith("vibration,gateway=gw-1,quality=suspect,")
                .contains(" dominant_hz=3.2 ");
    }

    @Test
    void readingLinesBuiltOncePerSeriesAreExactlyTheLinesOfEachReading() {
        List<Reading> readings = List.of(
                Reading.sample("deck.strain-0", Quantity.STRAIN, T, 12.5),
                Reading.sample("deck.strain-0", Quantity.STRAIN, T.plusMillis(100), -0.0001),
                new Reading(
                        "deck.strain-0", Quantity.STRAIN, Statistic.SAMPLE, T.plusMillis(200), 1e21, Quality.SUSPECT),
                Reading.sample("deck.strain-0", Quantity.STRAIN, T.plusMillis(300), 13),
                Reading.sample("deck strain,1", Quantity.STRAIN, T, 7),
                new Reading("acc", Quantity.VIBRATION_RMS, Statistic.MAX, T, 0.02, Quality.OK),
                new Reading("acc", Quantity.VIBRATION_RMS, Statistic.SAMPLE, T, 0.01, Quality.OK));
        Batch batch = new Batch(1, "gw-1", "bridge-7", "boot-1", 4, T, ClockSync.SYNCED, readings, List.of(), null);
        StorageLayout.ReadingLines lines = new StorageLayout.ReadingLines(batch, "bridge");
        Points points = new Points(readings.size());
        List<String> expected = new java.util.ArrayList<>();
        for (Reading r : batch.readings()) {
            lines.addTo(points, r);
            expected.add(StorageLayout.reading(batch, "bridge", r));
        }
        assertThat(points.count()).isEqualTo(readings.size());
        assertThat(points.toString()).isEqualTo(String.join("\n", expected));
    }

    @Test
    void escapesHostileTextInQuarantineSoTheLineStaysOneLine() {
        Reading bad = new Reading("a b,c=d\n\"x\"", Quantity.CO2, Statistic.SAMPLE, T, Double.NaN, Quality.OK);
        String line = StorageLayout.quarantinedReading(
                BATCH, "bridge", "readings[0]", bad, List.of(new Problem("readings[0].value", "NaN is not allowed")));
        assertThat(line)
                .doesNotContain("\n")
                .startsWith("quarantine,boot_id=boot-1,gateway=gw-1,item=readings[0],sequence=4,")
                .contains("sensor=\"a b,c=d\\n\\\"x\\\"\"")
                .contains("value_text=\"NaN\"")
                .endsWith(" " + T.toEpochMilli());
    }
}
