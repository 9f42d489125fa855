package de.dos2030.iot.edge.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Instant;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;
import org.junit.jupiter.api.Test;

class BridgeModelTest {

    static final Instant START = Instant.parse("2025-03-10T10:00:00Z");
    static final double FS = 100;
    static final int N = 4096;

    /** Dominant frequency of the vertical acceleration: Hann window, averaged power spectra. */
    static double dominantFrequency(BridgeModel model, int windows) {
        double[] power = new double[N / 2];
        FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
        for (int w = 0; w < windows; w++) {
            double[] x = new double[N];
            double mean = 0;
            for (int i = 0; i < N; i++) {
                x[i] = model.verticalAccelerationG(START.plusNanos((long) ((w * N + i) * 1e9 / FS)));
                mean += x[i] / N;
            }
            for (int i = 0; i < N; i++) x[i] = (x[i] - mean) * 0.5 * (1 - Math.cos(2 * Math.PI * i / (N - 1)));
            var spectrum = fft.transform(x, TransformType.FORWARD);
            for (int k = 1; k < N / 2; k++) power[k] += spectrum[k].abs() * spectrum[k].abs();
        }
        int peak = 1;
        for (int k = 2; k < N / 2; k++) if (power[k] > power[peak]) peak = k;
        return peak * FS / N;
    }

    @Test
    void dominantFrequencyIsTheFundamentalModeOfTheModelAtTheDeckTemperature() {
        BridgeModel model = new BridgeModel(BridgeModel.Settings.typical(), 7, START);
        double t = model.airTemperatureC(START); // 11:00 local: 15 degC, 5 K above the reference
        assertThat(t).isCloseTo(15.0, offset(1e-9));
        assertThat(model.dominantFrequencyHz()).isCloseTo(3.2 * (1 - 0.002 * 5), offset(1e-9));
        assertThat(dominantFrequency(model, 4)).isCloseTo(model.dominantFrequencyHz(), offset(2 * FS / N));
    }

    @Test
    void damageLowersTheDominantFrequencyByTheSquareRootOfTheStiffnessLeft() {
        BridgeModel model = new BridgeModel(BridgeModel.Settings.typical(), 7, START);
        double healthy = model.dominantFrequencyHz();
        model.damage(0, 0.05);
        assertThat(model.dominantFrequencyHz()).isCloseTo(healthy * Math.sqrt(0.95), offset(1e-9));
        assertThat(dominantFrequency(model, 4)).isCloseTo(healthy * Math.sqrt(0.95), offset(2 * FS / N));
    }

    @Test
    void theModesFollowTheDailyTemperatureCycleOnceASimulatedSecond() {
        Instant morning = Instant.parse("2025-03-10T07:00:00Z"); // 08:00 local, warming fastest
        Instant later = morning.plus(java.time.Duration.ofHours(1));
        BridgeModel model = new BridgeModel(BridgeModel.Settings.typical().withoutTraffic(), 1, morning);
        double before = model.modeFrequencyHz(0);
        model.verticalAccelerationG(later); // steps the hour, retuning every simulated second
        double after = model.modeFrequencyHz(0);

        assertThat(model.airTemperatureC(later) - model.airTemperatureC(morning))
                .isCloseTo(1.55, offset(0.01));
        assertThat(before)
                .isCloseTo(3.2 * BridgeModes.temperatureFactor(model.airTemperatureC(morning)), offset(1e-12));
        assertThat(after).isCloseTo(3.2 * BridgeModes.temperatureFactor(model.airTemperatureC(later)), offset(1e-12));
        assertThat(after).isLessThan(before); // warmer, softer
    }

    @Test
    void damageScheduledForLaterBeginsThenAndNotBefore() {
        BridgeModel model = new BridgeModel(BridgeModel.Settings.typical().withoutTraffic(), 7, START);
        model.damage(0, 0.03, START.plusSeconds(30));
        model.verticalAccelerationG(START.plusSeconds(29));
        double before = model.modeFrequencyHz(0);
        model.verticalAccelerationG(START.plusSeconds(31));
        double after = model.modeFrequencyHz(0);

        assertThat(before)
                .isCloseTo(
                        3.2 * BridgeModes.temperatureFactor(model.airTemperatureC(START.plusSeconds(29))),
                        offset(1e-9));
        assertThat(after / before).isCloseTo(Math.sqrt(0.97), offset(1e-4)); // 1 s of warming is 3e-6
    }

    @Test
    void modeFrequenciesAreConfigurable() {
        BridgeModel model =
                new BridgeModel(BridgeModel.Settings.typical().withModeFrequencies(2.1, 7.0, 11.5), 7, START);
        double factor = BridgeModes.temperatureFactor(model.airTemperatureC(START));
        assertThat(model.modeFrequencyHz(0)).isCloseTo(2.1 * factor, offset(1e-9));
        assertThat(model.modeFrequencyHz(2)).isCloseTo(11.5 * factor, offset(1e-9));
    }

    @Test
    void ambientVibrationHasTheConfiguredRmsAndTrafficRaisesIt() {
        BridgeModel quiet = new BridgeModel(BridgeModel.Settings.typical().withoutTraffic(), 3, START);
        BridgeModel busy = new BridgeModel(BridgeModel.Settings.typical(), 3, START);
        double quietRms = rms(quiet, 120), busyRms = rms(busy, 120);
        // Three modes with participation 1, 0.45, 0.3 at 6e-5 g each: sqrt(1 + 0.2 + 0.09) * 6e-5 = 6.8e-5 g.
        assertThat(quietRms).isBetween(4.5e-5, 9.5e-5);
        assertThat(busyRms).isGreaterThan(1.5 * quietRms);
    }

    static double rms(BridgeModel m, int seconds) {
        double sum = 0;
        int n = seconds * 100;
        for (int i = 0; i < n; i++) {
            double a = m.verticalAccelerationG(START.plusMillis(10L * i));
            sum += a * a;
        }
        return Math.sqrt(sum / n);
    }

    @Test
    void strainFollowsTheDailyTemperatureCycle() {
        BridgeModel model = new BridgeModel(
                BridgeModel.Settings.typical().withoutTraffic(), 1, Instant.parse("2025-03-10T02:00:00Z"));
        double night = model.strainMicro(Instant.parse("2025-03-10T02:00:01Z")); // 03:00 local, near the coldest
        double afternoon = model.strainMicro(Instant.parse("2025-03-10T14:00:00Z")); // 15:00 local, warmest
        assertThat(model.airTemperatureC(Instant.parse("2025-03-10T14:00:00Z"))).isCloseTo(18.0, offset(0.01));
        assertThat(afternoon - night).isCloseTo(-0.8 * 12, offset(2.0));
    }

    @Test
    void settlementStepsTheTilt() {
        BridgeModel model = new BridgeModel(BridgeModel.Settings.typical().withoutTraffic(), 1, START);
        double before = avgTilt(model, START, 2);
        model.settle(0.2);
        double after = avgTilt(model, START.plusSeconds(3), 2);
        assertThat(after - before).isCloseTo(0.2, offset(0.002));
    }

    static double avgTilt(BridgeModel m, Instant from, int seconds) {
        double s = 0;
        for (int i = 0; i < seconds * 100; i++) s += m.tiltDeg(from.plusMillis(10L * i));
        return s / (seconds * 100);
    }

    @Test
    void theSameSeedGivesTheSameSignalsAndAnotherSeedDoesNot() {
        BridgeModel a = new BridgeModel(BridgeModel.Settings.typical(), 42, START);
        BridgeModel b = new BridgeModel(BridgeModel.Settings.typical(), 42, START);
        BridgeModel c = new BridgeModel(BridgeModel.Settings.typical(), 43, START);
        boolean differs = false;
        for (int i = 0; i < 5000; i++) {
            Instant t = START.plusMillis(7L * i);
            assertThat(a.verticalAccelerationG(t)).isEqualTo(b.verticalAccelerationG(t));
            assertThat(a.strainMicro(t)).isEqualTo(b.strainMicro(t));
            assertThat(a.tiltDeg(t)).isEqualTo(b.tiltDeg(t));
            differs |= a.verticalAccelerationG(t) != c.verticalAccelerationG(t);
        }
        assertThat(differs).isTrue();
    }
}
