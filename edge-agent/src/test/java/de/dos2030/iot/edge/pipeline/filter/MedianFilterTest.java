package de.dos2030.iot.edge.pipeline.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import de.dos2030.iot.model.Quality;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MedianFilterTest {
    /** Every run tries the same cases; QuickTheories prints the seed with a falsified property. */
    private static final long SEED = 20261204L;

    record Out(long t, double v, Quality q) {}

    List<Out> out = new ArrayList<>();

    /** Runs on a fresh output list (every example of a property runs on the same instance). */
    List<Out> run(int window, double[] x) {
        out = new ArrayList<>();
        MedianFilter f = new MedianFilter(window, (t, v, q) -> out.add(new Out(t, v, q)));
        for (int i = 0; i < x.length; i++) {
            f.accept(i, x[i], Quality.OK);
        }
        f.flush();
        return out;
    }

    @Test
    void removesSpikesShorterThanHalfTheWindowAndKeepsAStepSharp() {
        double[] x = {1, 1, 1, 90, 1, 1, -70, -70, 1, 1, 5, 5, 5, 5, 5, 5};
        run(5, x);
        assertThat(out)
                .extracting(Out::v)
                .containsExactly(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0);
        assertThat(out).extracting(Out::t).isSorted();
    }

    @Test
    void outputLagsByHalfTheWindow() {
        MedianFilter f = new MedianFilter(7, (t, v, q) -> out.add(new Out(t, v, q)));
        for (int i = 0; i < 6; i++) {
            f.accept(i, i, Quality.OK);
        }
        assertThat(out).isEmpty();
        f.accept(6, 6, Quality.OK);
        assertThat(out).extracting(Out::t).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void faultySamplesPassStraightThrough() {
        MedianFilter f = new MedianFilter(3, (t, v, q) -> out.add(new Out(t, v, q)));
        f.accept(0, 1, Quality.OK);
        f.accept(1, Double.NaN, Quality.OUT_OF_RANGE);
        assertThat(out).containsExactly(new Out(1, Double.NaN, Quality.OUT_OF_RANGE));
    }

    /** Every centred sample is the textbook median of its window; edges pass unchanged; nothing is lost. */
    @Test
    void equalsTheMedianOfEachCentredWindow() {
        qt().withFixedSeed(SEED)
                .withExamples(200)
                .forAll(integers().between(1, 12), integers().between(0, 200), longs().all())
                .checkAssert(this::equalsTheMedianOfEachCentredWindow);
    }

    private void equalsTheMedianOfEachCentredWindow(int k, int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(4) == 0 ? r.nextInt(5) : r.nextGaussian() * 1e3; // ties too
        }
        int w = 2 * k + 1;
        run(w, x);
        assertThat(out).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(out.get(i).t()).isEqualTo(i);
            if (i < k || i >= n - k) {
                assertThat(out.get(i).v()).isEqualTo(x[i]);
            } else {
                double[] window = Arrays.copyOfRange(x, i - k, i + k + 1);
                Arrays.sort(window);
                assertThat(out.get(i).v()).as("sample %d", i).isEqualTo(window[k]);
            }
        }
    }

    /** Monotone signals (ramps) are their own median. */
    @Test
    void leavesRampsUntouched() {
        qt().withFixedSeed(SEED)
                .withExamples(50)
                .forAll(integers().between(1, 10), integers().between(0, 100))
                .checkAssert(this::leavesRampsUntouched);
    }

    private void leavesRampsUntouched(int k, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 * i;
        }
        run(2 * k + 1, x);
        assertThat(out)
                .extracting(Out::v)
                .containsExactly(Arrays.stream(x).boxed().toArray(Double[]::new));
    }
}
