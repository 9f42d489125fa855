package de.dos2030.iot.edge.bench.pipeline;

import de.dos2030.iot.config.model.CaptureConfig;
import de.dos2030.iot.edge.pipeline.capture.CaptureRing;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The bridge profile of {@link BridgeProfileBenchmark} with raw capture on ({@code capture: {before:
 * 30s, after: 10s}} on the three 400 Hz accelerometers and the 100 Hz strain gauge): compare its
 * ns/op and gc.alloc.rate.norm with the parent's at the same {@code traffic}. With traffic the RMS
 * alarms raise every few seconds, so captures are triggered, filled and emitted (bounded by
 * {@link CaptureRing#MAX_OPEN}). {@link #ringAddOneSample} is the ring's own cost per sample.
 */
@State(Scope.Thread)
public class CaptureProfileBenchmark extends BridgeProfileBenchmark {
    private static final String CAPTURE = "capture: {before: 30s, after: 10s}";

    private final CaptureRing ring = new CaptureRing(
            "bench",
            Quantity.ACCELERATION,
            400,
            new CaptureConfig(Duration.ofSeconds(30), Duration.ofSeconds(10)),
            c -> {});
    private long nanos;
    private float value;

    @Override
    protected String gatewayFile() {
        return super.gatewayFile()
                .replace("sample-rate: 400Hz\n", "sample-rate: 400Hz\n    " + CAPTURE + "\n")
                .replace("sample-rate: 100Hz\n", "sample-rate: 100Hz\n    " + CAPTURE + "\n");
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void ringAddOneSample() {
        nanos += 2_500_000L;
        value += 0.001f;
        ring.add(nanos, value);
    }
}
