package de.dos2030.iot.edge.pipeline.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import de.dos2030.iot.model.Quality;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HampelFilterTest {
    /** Every run tries the same cases; QuickTheories prints the seed with a falsified property. */
    private static final long SEED = 20261204L;

    record Out(long t, double v, Quality q) {}

    static List<Out> run(HampelFilter f, List<Out> out, double[] x) {
        for (int i = 0; i < x.length; i++) {
            f.accept(i, x[i], Quality.OK);
        }
        f.flush();
        return out;
    }

    @Test
    void removesInjectedSpikesAndFlagsThemSuspect() {
        List<Out> out = new ArrayList<>();
        HampelFilter f = new HampelFilter(3, 3.0, (t, v, q) -> out.add(new Out(t, v, q)));
        Random r = new Random(11);
        double[] x = new double[500];
        for (int i = 0; i < x.length; i++) {
            x[i] = 600 + 20 * Math.sin(i / 30.0) + r.nextGaussian();
        }
        int[] spikes = {17, 100, 101, 250, 496};
        double[] clean = x.clone();
        for (int s : spikes) {
            x[s] += (s % 2 == 0 ? 400 : -300);
        }
        run(f, out, x);
        assertThat(out).hasSize(x.length);
        assertThat(out).extracting(Out::t).isSorted();
        // With k = 3 the MAD of seven noisy samples is itself noisy, so a few clean samples are replaced
        // too (by a median, i.e. a value close to them): the textbook Hampel trade-off.
        assertThat(out).filteredOn(o -> o.q() == Quality.SUSPECT).hasSizeLessThan(spikes.length + x.length / 20);
        for (int i = 0; i < x.length; i++) {
            assertThat(Math.abs(out.get(i).v() - clean[i])).as("sample %d", i).isLessThan(5);
        }
        for (int s : spikes) {
            assertThat(out.get(s).q()).as("sample %d", s).isEqualTo(Quality.SUSPECT);
            assertThat(Math.abs(out.get(s).v() - clean[s])).as("sample %d", s).isLessThan(10);
        }
    }

    @Test
    void outputLagsByTheHalfWindowAndKeepsOrder() {
        List<Out> out = new ArrayList<>();
        HampelFilter f = new HampelFilter(3, 3.0, (t, v, q) -> out.add(new Out(t, v, q)));
        for (int i = 0; i < 6; i++) {
            f.accept(i, i, Quality.OK);
        }
        assertThat(out).isEmpty();
        f.accept(6, 6, Quality.OK);
        assertThat(out).extracting(Out::t).containsExactly(0L, 1L, 2L, 3L);
        f.accept(7, 7, Quality.OK);
        assertThat(out).extracting(Out::t).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void faultySamplesPassStraightThroughWithoutEnteringTheWindow() {
        List<Out> out = new ArrayList<>();
        HampelFilter f = new HampelFilter(1, 3.0, (t, v, q) -> out.add(new Out(t, v, q)));
        f.accept(0, 1, Quality.OK);
        f.accept(1, 99999, Quality.OUT_OF_RANGE);
        assertThat(out).containsExactly(new Out(1, 99999, Quality.OUT_OF_RANGE));
    }

    /** Smooth data (a slow sine with small noise) comes out exactly as it went in. */
    @Test
    void leavesCleanDataUntouched() {
        qt().withFixedSeed(SEED)
                .withExamples(100)
                .forAll(
                        integers().between(1, 8),
                        doubles().between(0.1, 1000),
                        integers().between(50, 400))
                .checkAssert(HampelFilterTest::leavesCleanDataUntouched);
    }

    private static void leavesCleanDataUntouched(int k, double amplitude, int n) {
        List<Out> out = new ArrayList<>();
        HampelFilter f = new HampelFilter(k, 3.0, (t, v, q) -> out.add(new Out(t, v, q)));
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amplitude * Math.sin(i / 40.0);
        }
        run(f, out, x);
        assertThat(out).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(out.get(i).v()).isEqualTo(x[i]);
            assertThat(out.get(i).q()).isEqualTo(Quality.OK);
        }
    }
}
