package de.dos2030.iot.edge.pipeline.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WindowStatsTest {

    static final double EPS = 1e-12;

    @Test
    void sineOverWholePeriodsHasRmsAOverRoot2PeakAAndCrestRoot2() {
        WindowStats w = new WindowStats();
        double a = 0.002;
        int perPeriod = 40; // samples hit the crest exactly (i = 10, 30)
        for (int i = 0; i < perPeriod * 25; i++) {
            w.add(1.0 + a * Math.sin(2 * Math.PI * i / perPeriod)); // 1 g of gravity underneath
        }
        assertThat(w.mean()).isCloseTo(1.0, within(EPS));
        assertThat(w.rms()).isCloseTo(a / Math.sqrt(2), within(EPS));
        assertThat(w.peak()).isCloseTo(a, within(EPS));
        assertThat(w.crestFactor()).isCloseTo(Math.sqrt(2), within(1e-9));
        assertThat(w.min()).isCloseTo(1.0 - a, within(EPS));
        assertThat(w.max()).isCloseTo(1.0 + a, within(EPS));
    }

    @Test
    void squareWaveHasCrestFactorOne() {
        WindowStats w = new WindowStats();
        for (int i = 0; i < 1000; i++) {
            w.add(i % 2 == 0 ? 3.0 : -3.0);
        }
        assertThat(w.rms()).isCloseTo(3.0, within(EPS));
        assertThat(w.peak()).isCloseTo(3.0, within(EPS));
        assertThat(w.crestFactor()).isCloseTo(1.0, within(EPS));
    }

    @Test
    void singleImpulseHasCrestFactorRootOfNMinusOne() {
        WindowStats w = new WindowStats();
        int n = 100;
        for (int i = 0; i < n; i++) {
            w.add(i == 50 ? 1.0 : 0.0);
        }
        // mean 1/n; deviations: 1 - 1/n once, -1/n (n-1) times
        double mean = 1.0 / n;
        double rms = Math.sqrt(((1 - mean) * (1 - mean) + (n - 1) * mean * mean) / n);
        assertThat(w.rms()).isCloseTo(rms, within(EPS));
        assertThat(w.peak()).isCloseTo(1 - mean, within(EPS));
        assertThat(w.crestFactor()).isCloseTo(Math.sqrt(n - 1), within(1e-9));
        assertThat(w.stddev()).isEqualTo(w.rms());
    }

    @Test
    void constantWindowHasNoVibration() {
        WindowStats w = new WindowStats();
        for (int i = 0; i < 10; i++) {
            w.add(-478.4);
        }
        assertThat(w.rms()).isZero();
        assertThat(w.crestFactor()).isZero();
    }
}
