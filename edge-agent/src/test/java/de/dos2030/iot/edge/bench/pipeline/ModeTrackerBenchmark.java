package de.dos2030.iot.edge.bench.pipeline;

import de.dos2030.iot.config.model.ModeBand;
import de.dos2030.iot.config.model.ModeTracking;
import de.dos2030.iot.edge.pipeline.feature.FeatureSink;
import de.dos2030.iot.edge.pipeline.feature.ModeTracker;
import de.dos2030.iot.edge.pipeline.feature.SpectrumAnalyzer;
import de.dos2030.iot.model.Quality;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The mode tracker's own cost, apart from the spectrum it reads: one {@code track} = three bands
 * (15, 31 and 36 bins: the bridge profile's 4096-point FFT at 400 Hz) in one window's spectrum,
 * nine readings handed to the sink. The bridge profile calls it once per accelerometer axis and
 * 10 s window, so per second of input the cost is 3 x this / 10; with the whole profile's 1311
 * samples per second, / 4370 gives ns per sample.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ModeTrackerBenchmark {

    private SpectrumAnalyzer spectrum;
    private ModeTracker tracker;
    private FeatureSink sink;

    @Setup
    public void setUp(Blackhole bh) {
        spectrum = new SpectrumAnalyzer(4096, 4000, 400, 3);
        double[] x = new double[4000];
        Random r = new Random(42);
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 + 6e-5 * r.nextGaussian() + 8e-5 * Math.sin(2 * Math.PI * 3.1 * i / 400);
        }
        spectrum.analyse(x);
        tracker = new ModeTracker(
                new ModeTracking(
                        List.of(
                                new ModeBand("f1", 2.5, 4),
                                new ModeBand("f2", 7.5, 10.5),
                                new ModeBand("f3", 12.5, 16)),
                        1e-4,
                        3.0),
                spectrum);
        sink = (q, statistic, start, end, value, quality) -> bh.consume(value);
    }

    @Benchmark
    public double trackThreeModes() {
        tracker.track(spectrum, 1e-4, 0, 10_000_000_000L, Quality.OK, sink);
        return tracker.frequencyHz(0);
    }
}
