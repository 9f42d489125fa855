package de.dos2030.iot.edge.pipeline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.Thresholds;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DeadbandProperties {

    /**
     * A value wandering anywhere inside the deadband band (above limit - deadband) may raise once,
     * but can never clear and raise again: no flapping, whatever the timing.
     */
    @Property(tries = 300)
    void signalOscillatingInsideTheDeadbandRaisesAtMostOnce(
            @ForAll @Size(min = 1, max = 400) List<@DoubleRange(min = -0.99, max = 1.0) Double> offsets,
            @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 1, max = 120) Integer> gapsSeconds,
            @ForAll @IntRange(min = 0, max = 300) int raiseAfterSeconds,
            @ForAll @IntRange(min = 0, max = 600) int clearAfterSeconds) {
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
