package de.dos2030.iot.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsTest {

    @Test
    void readingTimesKeepWholeMillisecondsOnly() {
        Instant precise = Instant.parse("2026-11-27T08:15:30.123456789Z");
        assertThat(Reading.sample("room-2.co2", Quantity.CO2, precise, 612).time())
                .isEqualTo(Instant.parse("2026-11-27T08:15:30.123Z"));
        Instant whole = Instant.ofEpochMilli(1_795_750_000_123L);
        assertThat(Reading.sample("room-2.co2", Quantity.CO2, whole, 612).time())
                .isSameAs(whole);
        assertThat(Reading.sample("room-2.co2", Quantity.CO2, Instant.parse("1969-12-31T23:59:59.999999Z"), 612)
                        .time())
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999Z"));
    }

    @Test
    void batchesKeepTheirReadingsGroupedBySeries() {
        Instant t = Instant.parse("2026-11-27T08:00:00Z");
        List<Reading> interleaved = List.of(
                Reading.sample("a", Quantity.CO2, t, 1),
                Reading.sample("b", Quantity.CO2, t, 2),
                Reading.sample("a", Quantity.CO2, t.plusSeconds(1), 3));
        Batch batch = new Batch(1, "gw", "site", "boot", 0, t, ClockSync.SYNCED, interleaved, List.of(), null);
        assertThat(batch.readings()).extracting(Reading::value).containsExactly(1.0, 3.0, 2.0);
    }

    @Test
    void theVibrationFeaturesAreTheWindowFeaturesOfTheVibrationMeasurement() {
        assertThat(Quantity.vibrationFeatures())
                .containsExactlyInAnyOrder(
                        Quantity.VIBRATION_RMS,
                        Quantity.VIBRATION_PEAK,
                        Quantity.CREST_FACTOR,
                        Quantity.DOMINANT_FREQUENCY);
        for (Quantity q : Quantity.values()) {
            assertThat(q.isVibrationFeature())
                    .as(q.name())
                    .isEqualTo(q.measurement().equals("vibration"));
        }
    }
}
