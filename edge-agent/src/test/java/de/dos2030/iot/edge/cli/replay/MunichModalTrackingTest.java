package de.dos2030.iot.edge.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.edge.pipeline.RecordingOutput;
import de.dos2030.iot.edge.pipeline.TestGateways;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Munich load test through the bridge example's mode tracking (f1 in 10-12 Hz, 60 s windows,
 * 4096-point FFT at 100 Hz). The record's spectrum, averaged over all 12 minutes, peaks at 10.8 Hz:
 * the first mode of a healthy bridge, which single windows must find within 10.7-10.9 Hz.
 */
class MunichModalTrackingTest {

    static final RecordingOutput out = new RecordingOutput();

    @BeforeAll
    static void replay() throws Exception {
        ReplayRun.run(
                GatewayConfigLoader.load(TestGateways.example("bridge-replay.yaml")),
                ReplayRun.Options.max(),
                out,
                null);
    }

    static List<Reading> of(Quantity q) {
        return out.readings(q, Statistic.SAMPLE);
    }

    @Test
    void theFirstModeOfTheWellExcitedWindowsLiesAt10Point7To10Point9Hz() {
        List<Reading> good = of(Quantity.MODE_F1_FREQUENCY).stream()
                .filter(r -> r.quality() == Quality.OK)
                .toList();
        double[] hz = good.stream().mapToDouble(Reading::value).sorted().toArray();

        assertThat(hz)
                .as("windows above the excitation floor with a clear f1 peak")
                .hasSizeGreaterThanOrEqualTo(4);
        double median = hz.length % 2 == 1 ? hz[hz.length / 2] : (hz[hz.length / 2 - 1] + hz[hz.length / 2]) / 2;
        assertThat(median).isBetween(10.7, 10.9);
        assertThat(good).allSatisfy(r -> assertThat(r.value()).isBetween(10.6, 11.0));
    }

    @Test
    void everyWindowWithASpectrumReportsEachModesAmplitudeAndPeakQuality() {
        int spectra =
                out.readings(Quantity.DOMINANT_FREQUENCY, Statistic.SAMPLE).size();
        for (int m = 0; m < 3; m++) {
            assertThat(of(Quantity.modeAmplitude(m))).hasSize(spectra);
            assertThat(of(Quantity.modePeakQuality(m)))
                    .hasSize(spectra)
                    .allSatisfy(r -> assertThat(r.value()).isGreaterThanOrEqualTo(1.0));
            assertThat(of(Quantity.modeFrequency(m))).hasSizeLessThanOrEqualTo(spectra);
        }
    }

    @Test
    void quietWindowsAreFlaggedSuspectAndLoudOnesAreNot() {
        Set<Instant> loud = of(Quantity.VIBRATION_RMS).stream()
                .filter(r -> r.value() >= 1e-4)
                .map(Reading::time)
                .collect(Collectors.toSet());
        assertThat(of(Quantity.MODE_F1_FREQUENCY))
                .allSatisfy(
                        r -> assertThat(r.quality()).isEqualTo(loud.contains(r.time()) ? Quality.OK : Quality.SUSPECT));
        assertThat(of(Quantity.MODE_F1_FREQUENCY).stream().map(Reading::quality))
                .contains(Quality.SUSPECT, Quality.OK);
    }

    @Test
    void theDeckTemperatureMeanComesForTheSameWindowsAsTheModes() {
        Set<Instant> temperatureWindows = out.readings(Quantity.TEMPERATURE, Statistic.MEAN).stream()
                .filter(r -> r.sensorId().equals("main-air"))
                .map(Reading::time)
                .collect(Collectors.toSet());
        assertThat(of(Quantity.MODE_F1_PEAK_QUALITY))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(temperatureWindows).contains(r.time()));
    }
}
