package de.dos2030.iot.edge.pipeline.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import de.dos2030.iot.model.Quality;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JumpFilterTest {
    /** Every run tries the same cases; QuickTheories prints the seed with a falsified property. */
    private static final long SEED = 20261204L;

    static final long SECOND = 1_000_000_000L;

    record Out(long t, double v, Quality q) {}

    final List<Out> out = new ArrayList<>();

    @Test
    void flagsASingleImpossibleJumpAndKeepsTheLevelAfterIt() {
        JumpFilter f = new JumpFilter(2.0, true, (t, v, q) -> out.add(new Out(t, v, q)));
        f.accept(0, 20.0, Quality.OK);
        f.accept(SECOND, 21.0, Quality.OK);
        f.accept(2 * SECOND, 85.0, Quality.OK); // a bit error: 64 degC in a second
        f.accept(3 * SECOND, 21.5, Quality.OK); // 0.5 degC in 2 s since the last plausible value
        assertThat(out).extracting(Out::q).containsExactly(Quality.OK, Quality.OK, Quality.OUT_OF_RANGE, Quality.OK);
        assertThat(out).extracting(Out::v).containsExactly(20.0, 21.0, 85.0, 21.5);
    }

    @Test
    void acceptsARealStepFromTheSecondSampleAtTheNewLevel() {
        JumpFilter f = new JumpFilter(2.0, true, (t, v, q) -> out.add(new Out(t, v, q)));
        f.accept(0, 20.0, Quality.OK);
        f.accept(SECOND, 40.0, Quality.OK); // moved into the sun, say
        f.accept(2 * SECOND, 40.5, Quality.OK);
        f.accept(3 * SECOND, 41.0, Quality.OK);
        assertThat(out).extracting(Out::q).containsExactly(Quality.OK, Quality.OUT_OF_RANGE, Quality.OK, Quality.OK);
    }

    @Test
    void scalesTheLimitWithTimePerSecondButNotPerSample() {
        JumpFilter perSecond = new JumpFilter(1.0, true, (t, v, q) -> out.add(new Out(t, v, q)));
        perSecond.accept(0, 0, Quality.OK);
        perSecond.accept(10 * SECOND, 9, Quality.OK); // 0.9 per second over a 10 s gap
        assertThat(out.get(1).q()).isEqualTo(Quality.OK);
        out.clear();
        JumpFilter perSample = new JumpFilter(1.0, false, (t, v, q) -> out.add(new Out(t, v, q)));
        perSample.accept(0, 0, Quality.OK);
        perSample.accept(10 * SECOND, 9, Quality.OK);
        assertThat(out.get(1).q()).isEqualTo(Quality.OUT_OF_RANGE);
    }

    @Test
    void faultySamplesPassFlaggedAndDoNotMoveTheReference() {
        JumpFilter f = new JumpFilter(1.0, false, (t, v, q) -> out.add(new Out(t, v, q)));
        f.accept(0, 5, Quality.OK);
        f.accept(1, 500, Quality.SENSOR_FAULT);
        f.accept(2, 5.5, Quality.OK);
        assertThat(out).extracting(Out::q).containsExactly(Quality.OK, Quality.SENSOR_FAULT, Quality.OK);
    }

    /** A signal whose every step stays within the limit comes out exactly as it went in. */
    @Test
    void leavesPlausibleSignalsUntouched() {
        qt().withFixedSeed(SEED)
                .withExamples(200)
                .forAll(doubles().between(0.01, 1000), integers().between(2, 300), longs().all())
                .checkAssert(JumpFilterTest::leavesPlausibleSignalsUntouched);
    }

    private static void leavesPlausibleSignalsUntouched(double maxPerSecond, int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        List<Out> out = new ArrayList<>(); // every example of a property runs on the same instance
        JumpFilter f = new JumpFilter(maxPerSecond, true, (t, v, q) -> out.add(new Out(t, v, q)));
        double x = r.nextGaussian() * 100;
        long t = 0;
        for (int i = 0; i < n; i++) {
            long dt = 1 + r.nextInt(5 * (int) SECOND);
            t += dt;
            x += (r.nextDouble() * 2 - 1) * 0.99 * maxPerSecond * dt / 1e9;
            f.accept(t, x, Quality.OK);
            assertThat(out.get(i)).isEqualTo(new Out(t, x, Quality.OK));
        }
    }

    /** On a steady signal, one spike beyond the limit is flagged and nothing else is. */
    @Test
    void flagsExactlyTheSpike() {
        qt().withFixedSeed(SEED)
                .withExamples(200)
                .forAll(
                        doubles().between(0.1, 100),
                        doubles().between(1.01, 1e6),
                        integers().between(1, 50),
                        booleans().all())
                .checkAssert(JumpFilterTest::flagsExactlyTheSpike);
    }

    private static void flagsExactlyTheSpike(double maxPerSample, double spikeFactor, int at, boolean up) {
        List<Out> out = new ArrayList<>();
        JumpFilter f = new JumpFilter(maxPerSample, false, (t, v, q) -> out.add(new Out(t, v, q)));
        for (int i = 0; i <= at + 20; i++) {
            double v = i == at ? (up ? 1 : -1) * maxPerSample * spikeFactor : 0.0;
            f.accept(i, v, Quality.OK);
        }
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).q()).as("sample %d", i).isEqualTo(i == at ? Quality.OUT_OF_RANGE : Quality.OK);
        }
    }
}
