package de.dos2030.iot.edge.pipeline.feature;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.FeatureWindow;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Statistic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Closing windows on the clock: the grace covers the filters' lag, and no window is reported twice. */
class WindowProcessorTest {

    static final long S = 1_000_000_000L;
    /** A 60 s window of a 5 s sensor behind a Hampel filter of k = 3: samples come out 15 s late. */
    final List<double[]> means = new ArrayList<>();

    final WindowProcessor window = new WindowProcessor(
            Quantity.CO2,
            new FeatureWindow(Duration.ofSeconds(60), Optional.empty()),
            0.2,
            3,
            false,
            (q, statistic, start, end, value, quality) -> {
                if (statistic == Statistic.MEAN) {
                    means.add(new double[] {end / S, value});
                }
            });

    @Test
    void graceIsTwoSamplePeriodsPlusTheFilterLag() {
        assertThat(WindowProcessor.graceNanos(0.2, 3)).isEqualTo(25 * S);
        assertThat(WindowProcessor.graceNanos(0.2, 0)).isEqualTo(10 * S);
        assertThat(WindowProcessor.graceNanos(400, 0)).isEqualTo(S);
    }

    @Test
    void aSampleTheFilterHeldBackStillLandsInItsWindow() {
        for (int t = 0; t < 55; t += 5) {
            window.accept(t * S, 1, Quality.OK); // released 15 s later in reality; the window waits
        }
        window.tick(70 * S); // the Hampel filter still holds the sample of 55 s
        assertThat(means).isEmpty();
        window.accept(55 * S, 13, Quality.OK);
        window.tick(85 * S);
        assertThat(means).singleElement().satisfies(m -> assertThat(m).containsExactly(60, 2.0));
    }

    @Test
    void aSampleLaterThanTheGraceIsLeftOutAndTheWindowIsReportedOnce() {
        window.accept(0, 1, Quality.OK);
        window.tick(85 * S); // a stalled sensor: the window is closed on the clock
        window.accept(55 * S, 100, Quality.OK);
        window.accept(65 * S, 3, Quality.OK);
        window.flush();
        assertThat(means).hasSize(2);
        assertThat(means.get(0)).containsExactly(60, 1.0);
        assertThat(means.get(1)).containsExactly(120, 3.0);
    }
}
