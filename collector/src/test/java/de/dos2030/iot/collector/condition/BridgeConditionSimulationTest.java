package de.dos2030.iot.collector.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The condition engine against a simulated bridge, at simulated time (30-second windows, batches of a
 * quarter of an hour): damage is found within the stated number of days, a year without damage raises
 * nothing, a settlement raises once and clears only after re-baselining.
 */
class BridgeConditionSimulationTest {
    private static final String SITE = "bridge-sim";
    private static final String GATEWAY = "gw-sim";
    private static final Instant START = Instant.parse("2026-01-10T00:00:00Z");
    /** The stated detection time for a 3 % stiffness loss of one mode (about 1.5 % frequency drop). */
    private static final Duration DETECTED_WITHIN = Duration.ofDays(1);

    private final RecordingPort port = new RecordingPort();
    private final SimulatedClock clock = new SimulatedClock(START);
    private final BridgeSimulation bridge = new BridgeSimulation(42, START, Duration.ofSeconds(30));

    private void run(ConditionEngine engine, Duration d) {
        Instant end = bridge.now().plus(d);
        while (bridge.now().isBefore(end)) {
            var batch = bridge.next(30);
            clock.set(bridge.now());
            engine.accept(GATEWAY, SITE, batch);
        }
    }

    private static FeatureStatus status(ConditionEngine engine, String sensor, Feature f) {
        return engine.status(SITE).stream()
                .filter(s -> s.sensorId().equals(sensor) && s.feature().equals(f.wireName()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void detectsAThreePercentStiffnessLossOfTheFirstModeWithinOneSimulatedDay() {
        ConditionEngine engine = new ConditionEngine(ConditionConfig.defaults(), port, clock);
        run(engine, Duration.ofDays(30));
        assertThat(port.baselines)
                .extracting(Baseline::feature)
                .containsExactlyInAnyOrder("f1", "f2", "f3", "strain", "strain", "tilt");
        assertThat(port.alerts).isEmpty();

        Instant damagedAt = bridge.now();
        bridge.damage(0, 0.03);
        run(engine, Duration.ofDays(3));

        List<ConditionAlert> raised = port.alerts("modal-shift", Step.RAISE);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).key().feature()).isEqualTo(Feature.F1);
        assertThat(raised.get(0).time()).isAfter(damagedAt).isBefore(damagedAt.plus(DETECTED_WITHIN));
        assertThat(raised.get(0).value()).as("residual in %").isBetween(-1.8, -1.2);
        assertThat(port.alerts("settlement", Step.RAISE)).isEmpty();
        FeatureStatus f1 = status(engine, BridgeSimulation.ACC, Feature.F1);
        assertThat(f1.state()).isEqualTo("shifted");
        assertThat(f1.residualPercent()).isBetween(-1.8, -1.2);
        assertThat(status(engine, BridgeSimulation.ACC, Feature.F2).state()).isEqualTo("ok");
    }

    @Test
    void raisesNothingOverASimulatedYearOfSeasonalAndDailyTemperatureCyclesWithoutDamage() {
        ConditionEngine engine = new ConditionEngine(ConditionConfig.defaults(), port, clock);
        run(engine, Duration.ofDays(365));

        assertThat(port.alerts).isEmpty();
        assertThat(port.baselines).hasSize(6);
        Baseline f1 = port.baselines.stream()
                .filter(b -> b.feature().equals("f1"))
                .findFirst()
                .orElseThrow();
        assertThat(f1.slope()).as("Hz per K").isBetween(-0.0216 * 1.1, -0.0216 * 0.9);
        FeatureStatus now = status(engine, BridgeSimulation.ACC, Feature.F1);
        assertThat(now.state()).isEqualTo("ok");
        assertThat(now.coverage()).as("share of windows excited by traffic").isBetween(0.3, 0.55);
        assertThat(Math.abs(now.residualSigma())).isLessThan(5);
    }

    @Test
    void aSettlementStepRaisesOnceAndClearsOnlyAfterRebaselining() {
        ConditionEngine engine =
                new ConditionEngine(ConditionConfig.defaults().withLearningPeriod(Duration.ofDays(2)), port, clock);
        run(engine, Duration.ofDays(4));
        assertThat(port.alerts).isEmpty();

        bridge.settle(60);
        run(engine, Duration.ofDays(6));
        List<ConditionAlert> raised = port.alerts("settlement", Step.RAISE);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).key().sensorId()).isEqualTo(BridgeSimulation.GAUGE_2);
        assertThat(raised.get(0).value()).as("offset um/m").isBetween(55.0, 65.0);
        assertThat(port.alerts("settlement", Step.CLEAR)).isEmpty();
        assertThat(status(engine, BridgeSimulation.GAUGE_2, Feature.STRAIN).state())
                .isEqualTo("settled");
        assertThat(status(engine, BridgeSimulation.GAUGE_1, Feature.STRAIN).state())
                .isEqualTo("ok");

        assertThat(engine.relearn(SITE, BridgeSimulation.GAUGE_2, Feature.STRAIN, bridge.now()))
                .containsExactly(new SeriesKey(SITE, BridgeSimulation.GAUGE_2, Feature.STRAIN));
        run(engine, Duration.ofDays(1));
        assertThat(port.alerts("settlement", Step.CLEAR)).as("still learning").isEmpty();
        run(engine, Duration.ofDays(2));

        assertThat(port.alerts("settlement", Step.CLEAR)).hasSize(1);
        assertThat(port.alerts("settlement", Step.RAISE)).hasSize(1);
        assertThat(port.alerts("modal-shift", Step.RAISE)).isEmpty();
        FeatureStatus gauge = status(engine, BridgeSimulation.GAUGE_2, Feature.STRAIN);
        assertThat(gauge.state()).isEqualTo("ok");
        assertThat(gauge.baselineVersion()).isEqualTo(2);
        assertThat(Math.abs(gauge.residual())).isLessThan(10);
    }
}
