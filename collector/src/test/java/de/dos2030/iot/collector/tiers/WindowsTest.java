package de.dos2030.iot.collector.tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.Statistic;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsTest {
    static final Instant T = Instant.parse("2026-03-29T00:59:58Z");

    @Test
    void aBatchMarksOneWindowPerFieldAndUtcHourItTouches() {
        List<Reading> readings = List.of(
                Reading.sample("r.co2", Quantity.CO2, T, 600),
                Reading.sample("r.co2", Quantity.CO2, T.plusSeconds(1), 601),
                Reading.sample("r.co2", Quantity.CO2, T.plusSeconds(3), 602), // the next hour
                new Reading("s.strain", Quantity.STRAIN, Statistic.MEAN, T, 12, Quality.SUSPECT),
                Reading.sample("s.vib", Quantity.VIBRATION_RMS, T, 0.1));
        Batch batch = new Batch(
                Batch.FORMAT_VERSION,
                "gw",
                "site",
                "boot",
                1,
                T.plusSeconds(5),
                ClockSync.SYNCED,
                readings,
                List.of(),
                null);

        assertThat(BatchWindows.of(batch, SiteKind.BRIDGE, readings))
                .extracting(w -> w.measurement() + "." + w.field() + "@" + w.start())
                .containsExactlyInAnyOrder(
                        "co2.value@2026-03-29T00:00:00Z",
                        "co2.value@2026-03-29T01:00:00Z",
                        "strain.mean@2026-03-29T00:00:00Z",
                        "vibration.rms@2026-03-29T00:00:00Z");
    }

    @Test
    void aDayIsComposedFromHoursUnlessItsZoneIsOffWholeHours() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant dstDay = Tier.DAY.cellStart(Instant.parse("2026-03-29T12:00:00Z"), berlin);
        assertThat(WindowRecompute.dayComposedFrom(dstDay, berlin)).isEqualTo(Tier.HOUR);
        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu"); // +05:45
        Instant day = Tier.DAY.cellStart(Instant.parse("2026-03-29T12:00:00Z"), kathmandu);
        assertThat(WindowRecompute.dayComposedFrom(day, kathmandu)).isEqualTo(Tier.MINUTE);
    }

    @Test
    void anHourWindowMustStartOnTheHour() {
        assertThatThrownBy(() -> new DirtyWindow("gw", "co2", "value", Tier.HOUR, T, "site", SiteKind.SCHOOL))
                .hasMessageContaining("starts on the hour");
    }
}
