package de.dos2030.iot.edge.pipeline.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import de.dos2030.iot.config.model.Thresholds;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadbandPropertyTest {
    /** Every run tries the same signals; QuickTheories prints the seed with a falsified property. */
    private static final long SEED = 20261204L;

    /**
     * A value wandering anywhere inside the deadband band (above limit - deadband) may raise once,
     * but can never clear and raise again: no flapping, whatever the timing.
     */
    @Test
    void signalOscillatingInsideTheDeadbandRaisesAtMostOnce() {
        qt().withFixedSeed(SEED)
                .withExamples(300)
                .forAll(
                        lists().of(doubles().between(-0.99, 1.0)).ofSizeBetween(1, 400),
                        lists().of(integers().between(1, 120)).ofSizeBetween(1, 400),
                        integers().between(0, 300),
                        integers().between(0, 600))
                .checkAssert(DeadbandPropertyTest::raisesAtMostOnce);
    }

    private static void raisesAtMostOnce(
            List<Double> offsets, List<Integer> gapsSeconds, int raiseAfterSeconds, int clearAfterSeconds) {
        double limit = 1000;
        double deadband = 100;
        Thresholds t = new Thresholds(
                Optional.of(limit),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                deadband,
                Duration.ofSeconds(raiseAfterSeconds),
                Duration.ofSeconds(clearAfterSeconds));
        Recorder sink = new Recorder();
        LimitCheck c = LimitCheck.above(new AlertTracker("s", "r", CheckKind.ABOVE, Quantity.CO2, sink), "ppm", t)
                .orElseThrow();
        long nanos = 1_700_000_000_000_000_000L;
        for (int i = 0; i < offsets.size(); i++) {
            nanos += gapsSeconds.get(i % gapsSeconds.size()) * 1_000_000_000L;
            c.accept(nanos, limit + offsets.get(i) * deadband);
        }
        assertThat(sink.events.stream().filter(e -> e.state() == AlertState.RAISED))
                .hasSizeLessThanOrEqualTo(1);
        assertThat(sink.events.stream().filter(e -> e.state() == AlertState.CLEARED))
                .isEmpty();
    }
}
