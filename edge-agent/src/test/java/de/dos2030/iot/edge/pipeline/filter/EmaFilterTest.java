package de.dos2030.iot.edge.pipeline.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.dos2030.iot.model.Quality;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmaFilterTest {

    static final long S = 1_000_000_000L;

    @Test
    void alphaFollowsTheActualTimeBetweenSamples() {
        List<Double> out = new ArrayList<>();
        EmaFilter f = new EmaFilter(60 * S, (t, v, q) -> out.add(v));
        f.accept(0, 0, Quality.OK);
        f.accept(10 * S, 100, Quality.OK); // alpha = 1 - e^(-10/60)
        f.accept(70 * S, 100, Quality.OK); // alpha = 1 - e^(-1)
        double y1 = 100 * (1 - Math.exp(-10.0 / 60));
        double y2 = y1 + (1 - Math.exp(-1)) * (100 - y1);
        assertThat(out).containsExactly(0.0, y1, y2);
    }

    @Test
    void stepResponseReaches63PercentAfterOneTimeConstantWhateverTheRate() {
        for (long stepMillis : new long[] {10, 100, 1000}) {
            List<Double> out = new ArrayList<>();
            EmaFilter f = new EmaFilter(5 * S, (t, v, q) -> out.add(v));
            f.accept(0, 0, Quality.OK);
            for (long t = stepMillis; t <= 5000; t += stepMillis) {
                f.accept(t * 1_000_000L, 1, Quality.OK);
            }
            assertThat(out.get(out.size() - 1)).isCloseTo(1 - Math.exp(-1), within(1e-9));
        }
    }

    @Test
    void outOfRangeSamplesDoNotMoveTheAverage() {
        List<Double> out = new ArrayList<>();
        EmaFilter f = new EmaFilter(5 * S, (t, v, q) -> out.add(v));
        f.accept(0, 10, Quality.OK);
        f.accept(S, 1e6, Quality.OUT_OF_RANGE);
        f.accept(2 * S, 10, Quality.OK);
        assertThat(out).containsExactly(10.0, 1e6, 10.0);
    }

    @Test
    void rangeFilterFlagsImplausibleAndNotANumber() {
        List<Quality> out = new ArrayList<>();
        RangeFilter f = new RangeFilter(0, 40000, (t, v, q) -> out.add(q));
        f.accept(0, 500, Quality.OK);
        f.accept(1, -1, Quality.OK);
        f.accept(2, Double.NaN, Quality.OK);
        f.accept(3, 41000, Quality.SENSOR_FAULT);
        assertThat(out).containsExactly(Quality.OK, Quality.OUT_OF_RANGE, Quality.OUT_OF_RANGE, Quality.SENSOR_FAULT);
    }
}
