package de.dos2030.iot.edge.recorded;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.Recorder;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplaySensorTest {

    final VirtualClock clock = new VirtualClock(Instant.parse("2025-03-10T08:00:00Z"));
    final Recorder recorder = new Recorder();
    final SensorScheduler scheduler = new SensorScheduler(clock, recorder);

    ReplaySensor uci(double speed, boolean loop) {
        return new ReplaySensor(
                new SensorLabel("SCD41", "office-air", "uci", "replay file"),
                SharedData.file("uci-occupancy/datatest.txt"),
                Map.of(Quantity.CO2, "CO2", Quantity.TEMPERATURE, "Temperature"),
                speed,
                loop,
                Duration.ZERO);
    }

    @Test
    void playsRecordedMinutesAtSixtyTimesSpeedWithRecordedTimestamps() {
        scheduler.add("replay", uci(60, false));
        scheduler.runUntil(clock.instant().plusSeconds(10), clock::setInstant);
        List<Sample> co2 = recorder.of("office-air", Quantity.CO2);
        // ten seconds at speed 60 = ten recorded minutes: rows at 0..600 s of the recording
        assertThat(co2).hasSizeBetween(10, 11);
        assertThat(co2.get(0).value()).isEqualTo(749.2);
        assertThat(co2.get(0).timestamp()).isEqualTo(Instant.parse("2015-02-02T13:19:00Z"));
        assertThat(Duration.between(co2.get(0).timestamp(), co2.get(1).timestamp())
                        .toSeconds())
                .isBetween(59L, 60L);
    }

    @Test
    void loopsWithTimeMovingForward() throws Exception {
        var table = RecordedFiles.load(SharedData.file("uci-occupancy/datatest.txt"));
        scheduler.add("replay", uci(1000, true));
        Duration oneRound = table.span().dividedBy(1000);
        scheduler.runUntil(clock.instant().plus(oneRound.multipliedBy(2)).plusSeconds(1), clock::setInstant);
        List<Sample> co2 = recorder.of("office-air", Quantity.CO2);
        assertThat(co2.size()).isGreaterThan(2 * table.rows());
        for (int i = 1; i < co2.size(); i++)
            assertThat(co2.get(i).timestamp()).isAfter(co2.get(i - 1).timestamp());
    }

    @Test
    void onTheLiveTimelineStampsEachSampleWhenItIsReleasedKeepingRecordedSpacingAtSpeedOne() {
        scheduler.add("replay", uci(1, false).on(ReplaySensor.Timeline.LIVE));
        Instant start = clock.instant();
        scheduler.runUntil(start.plusSeconds(150), clock::setInstant);
        List<Sample> co2 = recorder.of("office-air", Quantity.CO2);
        // 2015 data arrives as today's readings: first row at the clock's start, then a minute apart as recorded
        assertThat(co2).hasSize(3);
        assertThat(co2.get(0).value()).isEqualTo(749.2);
        assertThat(co2.get(0).timestamp()).isEqualTo(start);
        assertThat(Duration.between(co2.get(0).timestamp(), co2.get(1).timestamp())
                        .toSeconds())
                .isBetween(59L, 60L);
        assertThat(co2).allSatisfy(s -> assertThat(s.timestamp()).isBetween(start, clock.instant()));
    }

    @Test
    void onTheLiveTimelineAFasterReplayCompressesSpacingAndNeverRunsAheadOfTheClock() throws Exception {
        var table = RecordedFiles.load(SharedData.file("uci-occupancy/datatest.txt"));
        scheduler.add(
                "replay",
                new ReplaySensor(
                        new SensorLabel("SCD41", "office-air", "uci", "replay file"),
                        SharedData.file("uci-occupancy/datatest.txt"),
                        Map.of(Quantity.CO2, "CO2"),
                        600,
                        true,
                        Duration.ofSeconds(54),
                        ReplaySensor.Timeline.LIVE));
        Instant start = clock.instant();
        Duration oneRound = table.span().dividedBy(600);
        scheduler.runUntil(start.plus(oneRound.multipliedBy(2)), clock::setInstant);
        List<Sample> co2 = recorder.of("office-air", Quantity.CO2);
        // decimation (54 s) works on recorded time: every one-minute row is kept, two rounds of them
        assertThat(co2.size()).isGreaterThan(2 * table.rows() - 5);
        assertThat(Duration.between(co2.get(0).timestamp(), co2.get(1).timestamp())
                        .toMillis())
                .isBetween(98L, 101L);
        for (int i = 1; i < co2.size(); i++)
            assertThat(co2.get(i).timestamp()).isAfter(co2.get(i - 1).timestamp());
        assertThat(co2.get(co2.size() - 1).timestamp()).isBeforeOrEqualTo(clock.instant());
    }

    @Test
    void reportsAMissingColumnWithTheColumnsThatExist() {
        scheduler.add(
                "replay",
                new ReplaySensor(
                        new SensorLabel("SCD41", "office-air", "uci", "replay file"),
                        SharedData.file("uci-occupancy/datatest.txt"),
                        Map.of(Quantity.CO2, "co2"),
                        1,
                        false,
                        Duration.ZERO));
        scheduler.runUntil(clock.instant().plusSeconds(1), clock::setInstant);
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.SOURCE_UNAVAILABLE);
            assertThat(f.message())
                    .contains("column 'co2' is not in datatest.txt; value columns: Temperature, Humidity, Light, CO2");
        });
    }
}
