package de.dos2030.iot.edge.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.pipeline.RecordingOutput;
import de.dos2030.iot.edge.pipeline.TestGateways;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge example file replays the UniBw Munich load test. Vibration RMS per 60 s window must
 * equal what the test computes from the raw column, and the load events must stand out.
 */
class MunichBridgeReplayTest {

    static final RecordingOutput out = new RecordingOutput();
    static GatewayConfig config;

    @BeforeAll
    static void replay() throws Exception {
        config = GatewayConfigLoader.load(TestGateways.example("bridge-replay.yaml"));
        ReplayRun.run(config, ReplayRun.Options.max(), out, null);
    }

    /** RMS about the mean of ACC01_z per local clock minute (window end), read straight from the file. */
    static Map<LocalTime, Double> rawRmsByWindowEnd() throws Exception {
        Map<LocalTime, double[]> acc = new TreeMap<>(); // n, sum, sum of squares
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                TestGateways.sharedData().resolve("munich-bridge/ref_load_01_all_100hz.csv.gz")))))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] p = line.split(",");
                LocalTime end = LocalTime.of(
                                Integer.parseInt(p[0].substring(11, 13)), Integer.parseInt(p[0].substring(14, 16)))
                        .plusMinutes(1);
                double x = Double.parseDouble(p[1]);
                double[] a = acc.computeIfAbsent(end, k -> new double[3]);
                a[0]++;
                a[1] += x;
                a[2] += x * x;
            }
        }
        Map<LocalTime, Double> rms = new TreeMap<>();
        acc.forEach((end, a) -> rms.put(end, Math.sqrt(a[2] / a[0] - (a[1] / a[0]) * (a[1] / a[0]))));
        return rms;
    }

    static List<Reading> rms() {
        return out.readings(Quantity.VIBRATION_RMS, Statistic.SAMPLE);
    }

    @Test
    void vibrationRmsPerWindowMatchesTheRawColumn() throws Exception {
        Map<LocalTime, Double> expected = rawRmsByWindowEnd();
        assertThat(rms()).hasSize(expected.size());
        for (Reading r : rms()) {
            LocalTime end =
                    r.time().atZone(ZoneId.of("Europe/Berlin")).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
            assertThat(expected).containsKey(end);
            assertThat(r.value())
                    .as("window ending %s", end)
                    .isCloseTo(expected.get(end), within(expected.get(end) * 1e-6));
        }
    }

    @Test
    void loadEventsStandWellAboveTheAmbientWindows() {
        double[] v = rms().stream().mapToDouble(Reading::value).sorted().toArray();
        double ambient = v[0];
        double loudest = v[v.length - 1];
        assertThat(ambient).as("ambient RMS about 6e-5 g").isBetween(2e-5, 1e-4);
        assertThat(loudest).as("loudest load window").isGreaterThan(4 * ambient);
        long loadWindows = rms().stream().filter(r -> r.value() > 2 * ambient).count();
        assertThat(loadWindows).as("several load events").isGreaterThanOrEqualTo(4);
    }

    @Test
    void vibrationRuleRaisesExactlyWhenAWindowPassesItsWarningLimit() {
        double limit = config.sensor("main-vibration")
                .orElseThrow()
                .rules()
                .get(0)
                .thresholds()
                .warningAbove()
                .orElseThrow();
        boolean anyAbove = rms().stream().anyMatch(r -> r.value() > limit);
        assertThat(out.raised("main-vibration-rms").isEmpty()).isEqualTo(!anyAbove);
        out.raised("main-vibration-rms").forEach(a -> assertThat(a.value()).isGreaterThan(limit));
    }

    @Test
    void dominantFrequencyIsReportedOnceTheFftHas4096Samples() {
        List<Reading> f = out.readings(Quantity.DOMINANT_FREQUENCY, Statistic.SAMPLE);
        assertThat(f).hasSizeGreaterThanOrEqualTo(rms().size() - 2);
        assertThat(f).allSatisfy(r -> assertThat(r.value()).isBetween(0.5, 45.0));
    }

    @Test
    void strainAndTiltAreSentAsFilteredSamples() {
        List<Reading> strain = out.readings(Quantity.STRAIN, Statistic.SAMPLE).stream()
                .filter(r -> r.sensorId().equals("main-strain"))
                .toList();
        assertThat(strain).hasSizeGreaterThan(70_000);
        assertThat(strain).allSatisfy(r -> assertThat(r.value()).isBetween(-520.0, -440.0));
    }
}
