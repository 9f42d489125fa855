package de.dos2030.iot.collector.condition;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's handling of single readings: pairing with temperature, quality, coverage, bins. */
class ConditionEngineTest {
    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

    private final RecordingPort port = new RecordingPort();
    private final SimulatedClock clock = new SimulatedClock(T0.plus(Duration.ofHours(2)));
    private final ConditionEngine engine = new ConditionEngine(ConditionConfig.defaults(), port, clock);

    private static Reading f1(Instant t, double hz, Quality q) {
        return new Reading("acc-1", Quantity.MODE_F1_FREQUENCY, Statistic.SAMPLE, t, hz, q);
    }

    @Test
    void pairsAReadingWithTheTemperatureNearestInTimeAndOnlyWithinThePairingWindow() {
        List<Reading> batch = List.of(
                Reading.sample("deck", Quantity.TEMPERATURE, T0, 10),
                Reading.sample("deck", Quantity.TEMPERATURE, T0.plusSeconds(50), 12));
        Temperatures t =
                Temperatures.of(batch, new double[] {T0.minusSeconds(30).toEpochMilli(), 9});
        assertThat(t.nearest(T0.plusSeconds(20).toEpochMilli(), 60_000)).isEqualTo(10);
        assertThat(t.nearest(T0.plusSeconds(30).toEpochMilli(), 60_000)).isEqualTo(12);
        assertThat(t.nearest(T0.minusSeconds(25).toEpochMilli(), 60_000))
                .as("the earlier batch's")
                .isEqualTo(9);
        assertThat(t.nearest(T0.plusSeconds(200).toEpochMilli(), 60_000)).isNaN();
        assertThat(t.latest()).containsExactly(T0.plusSeconds(50).toEpochMilli(), 12);
    }

    @Test
    void usesOnlyGoodFrequenciesButCountsEveryWindowForCoverage() {
        List<Reading> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant t = T0.plusSeconds(10L * i);
            batch.add(Reading.sample("deck", Quantity.TEMPERATURE, t, 10));
            batch.add(Reading.sample("acc-1", Quantity.VIBRATION_RMS, t, 0.01));
            batch.add(f1(t, 10.8, i < 4 ? Quality.OK : Quality.SUSPECT));
        }
        // The next bin closes the first one: a bin of four good readings.
        batch.add(Reading.sample("deck", Quantity.TEMPERATURE, T0.plusSeconds(700), 10));
        batch.add(f1(T0.plusSeconds(700), 10.8, Quality.OK));
        engine.accept("gw", "br", batch);

        FeatureStatus f1 = engine.status("br").get(0);
        assertThat(f1.feature()).isEqualTo("f1");
        assertThat(f1.state()).isEqualTo("learning");
        assertThat(f1.value()).isEqualTo(10.8);
        assertThat(f1.coverage())
                .as("5 good of 11 windows")
                .isCloseTo(5 / 11.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(port.learningBins).isEqualTo(1);
    }

    @Test
    void leavesOutFrequenciesWithoutATemperatureNearby() {
        List<Reading> batch = List.of(
                Reading.sample("deck", Quantity.TEMPERATURE, T0, 10),
                f1(T0.plusSeconds(300), 10.8, Quality.OK),
                Reading.sample("deck", Quantity.TEMPERATURE, T0.plusSeconds(1300), 10),
                f1(T0.plusSeconds(1300), 10.8, Quality.OK));
        engine.accept("gw", "br", batch);
        assertThat(port.learningBins)
                .as("the unpaired reading's bin never opened")
                .isZero();
    }

    @Test
    void aRestoredFeatureIgnoresReadingsOfBinsItClosedBeforeTheRestart() {
        SeriesKey key = new SeriesKey("br", "acc-1", Feature.F1);
        engine.restore(
                new SeriesRecord(key, "gw", true, null, T0, DetectorState.CALM, new BinPoint(T0, 10.8, 10, 5)),
                List.of(new BinPoint(T0, 10.8, 10, 5)),
                null);
        engine.accept(
                "gw",
                "br",
                List.of(
                        Reading.sample("deck", Quantity.TEMPERATURE, T0.minusSeconds(600), 10),
                        f1(T0.minusSeconds(600), 10.8, Quality.OK),
                        Reading.sample("deck", Quantity.TEMPERATURE, T0.plusSeconds(60), 10),
                        f1(T0.plusSeconds(60), 10.8, Quality.OK),
                        Reading.sample("deck", Quantity.TEMPERATURE, T0.plusSeconds(700), 10),
                        f1(T0.plusSeconds(700), 10.8, Quality.OK)));
        assertThat(port.learningBins)
                .as("nothing before or in the bin closed before the restart")
                .isZero();
    }

    @Test
    void aReLearnOfAnUnknownSensorChangesNothing() {
        engine.accept(
                "gw", "br", List.of(Reading.sample("deck", Quantity.TEMPERATURE, T0, 10), f1(T0, 10.8, Quality.OK)));
        assertThat(engine.relearn("br", "sg-9", null, T0)).isEmpty();
        assertThat(engine.relearn("br", null, Feature.F1, T0))
                .containsExactly(new SeriesKey("br", "acc-1", Feature.F1));
    }
}
