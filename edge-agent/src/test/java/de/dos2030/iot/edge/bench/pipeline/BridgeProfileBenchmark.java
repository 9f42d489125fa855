package de.dos2030.iot.edge.bench.pipeline;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.pipeline.Pipeline;
import de.dos2030.iot.edge.pipeline.PipelineOutput;
import de.dos2030.iot.edge.pipeline.SampleInput;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * CPU and allocation of the pipeline for the bridge profile of issue 5, per second of input: a
 * 3-axis accelerometer at 400 Hz (three channels, each with 4096-point FFT features every 10 s:
 * 4000 samples, Hann-windowed, zero-padded to 4096), tilt at 10 Hz (Hampel + EMA), strain at 100 Hz (Hampel, rate of change,
 * flatline), temperature at 1 Hz, every rule on. One operation = one second of input =
 * {@value #SAMPLES_PER_SECOND} samples plus one tick. ns/sample = ns/op / 1311; percent of one
 * core = ns/op / 1e7. Run with {@code -prof gc}: gc.alloc.rate.norm / 1311 = bytes per sample.
 * {@code traffic=false}: ambient vibration only, no alarm; {@code true}: a truck every few seconds
 * keeps the RMS rules raised, so the accelerometers also send their raw samples (the alarm burst).
 * {@code modes=true}: each accelerometer also tracks three bridge modes in its spectrum (issue 19;
 * on all three axes, where a real deck would track only the vertical one: the upper bound).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class BridgeProfileBenchmark {

    public static final int SAMPLES_PER_SECOND = 3 * 400 + 100 + 10 + 1;

    /** The profile as a gateway file. */
    static final String GATEWAY = """
            id: bench-bridge
            site: {id: bench-site, kind: bridge, name: Bench bridge, span: s1}
            uplink:
              primary: {url: "tcp://127.0.0.1:11883"}
            outbox: {directory: target/outbox-bench}
            sensors:
            %s%s%s
              - id: deck-tilt
                driver: scl3300
                source: {kind: simulated, scenario: bridge-traffic}
                spi: {bus: 0, chip-select: 0}
                sample-rate: 10Hz
                filters:
                  - {kind: hampel}
                  - {kind: ema, tau: 5s}
                features:
                  - {length: 60s}
                rules:
                  - {id: deck-tilt-limit, quantity: tilt, warning-above: 0.5, critical-above: 1.0, warning-below: -0.5,
                     critical-below: -1.0, deadband: 0.05, raise-after: 5s, no-data-after: 10s}
              - id: deck-strain
                driver: ads1115
                source: {kind: simulated, scenario: bridge-traffic}
                i2c: {address: 0x48}
                sample-rate: 100Hz
                filters:
                  - {kind: hampel}
                features:
                  - {length: 10s}
                rules:
                  - {id: deck-strain-band, quantity: strain, warning-below: -495, critical-below: -510, warning-above: -460,
                     critical-above: -445, deadband: 2, raise-after: 2s}
                  - id: deck-strain-checks
                    quantity: strain
                    rate-of-change: {limit: 20, per: 10s}
                    flatline: 10m
                    no-data-after: 10s
              - id: deck-air
                driver: sht4x
                source: {kind: simulated, scenario: bridge-traffic}
                i2c: {address: 0x44}
                sample-interval: 1s
                features:
                  - {length: 60s}
                rules:
                  - {id: deck-air-frost, quantity: temperature, warning-below: 0, critical-below: -10, deadband: 0.5,
                     raise-after: 10m, no-data-after: 1m}
            """;

    /** The three tracked modes around the signal's 3.1 Hz mode and two more bands, as a gateway file writes them. */
    static final String MODES = """
                modes:
                  - {name: f1, band: 2.5-4 Hz}
                  - {name: f2, band: 7.5-10.5 Hz}
                  - {name: f3, band: 12.5-16 Hz}
            """;

    static String accelerometer(String axis, String bus, boolean modes) {
        return """
                  - id: deck-acc-%s
                    driver: adxl355
                    source: {kind: simulated, scenario: bridge-traffic}
                    %s
                    sample-rate: 400Hz
                    features:
                      - {length: 10s, fft-size: 4096}
                    rules:
                      - {id: deck-acc-%s-rms, quantity: vibration_rms, warning-above: 0.0003, critical-above: 0.002,
                         deadband: 0.00005, raise-after: 1s, clear-after: 30s}
                      - {id: deck-acc-%s-watch, quantity: acceleration, no-data-after: 5s}
                """.formatted(axis, bus, axis, axis) + (modes ? MODES : "");
    }

    /** The profile's gateway file; a variant benchmark (raw capture on) adds to it. */
    protected String gatewayFile() {
        return GATEWAY.formatted(
                accelerometer("x", "i2c: {address: 0x1D}", modes),
                accelerometer("y", "i2c: {address: 0x53}", modes),
                accelerometer("z", "spi: {bus: 0, chip-select: 1}", modes));
    }

    /** Counts what comes out, so nothing is optimised away. */
    static final class CountingOutput implements PipelineOutput {
        Blackhole bh;
        long readings;
        long alerts;

        @Override
        public void reading(Reading reading) {
            readings++;
            bh.consume(reading);
        }

        @Override
        public void alert(AlertEvent event) {
            alerts++;
            bh.consume(event);
        }
    }

    /** With passing trucks (RMS alarms raised, raw bursts sent) or ambient only. */
    @Param({"false", "true"})
    public boolean traffic;

    /** With mode tracking on the accelerometers' spectra, or without. */
    @Param({"false", "true"})
    public boolean modes;

    private static final int TABLE = 1 << 14;
    private final double[] vibration = new double[TABLE];
    private final double[] strain = new double[TABLE];
    private final double[] tilt = new double[TABLE];
    private final CountingOutput output = new CountingOutput();
    private VirtualClock clock;
    private Pipeline pipeline;
    private SampleInput x, y, z, tiltIn, strainIn, airIn;
    private long second;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) throws ConfigException {
        GatewayConfig config =
                GatewayConfigLoader.loadString(gatewayFile(), Path.of(".").toAbsolutePath(), "bench.yaml");
        Random r = new Random(42);
        for (int i = 0; i < TABLE; i++) {
            // ambient vibration with a 3.1 Hz mode, a passing truck every few seconds; strain near -478 um/m
            double truck = traffic && (i / 1600) % 4 == 0 ? 0.001 : 0;
            vibration[i] = 1.0 + 0.00006 * r.nextGaussian() + (0.00008 + truck) * Math.sin(2 * Math.PI * 3.1 * i / 400);
            strain[i] = -478 + 0.3 * r.nextGaussian() + (truck > 0 ? 8 : 0);
            tilt[i] = 0.01 + 0.05 * r.nextGaussian();
        }
        output.bh = bh;
        second = Instant.parse("2026-03-02T00:00:00Z").getEpochSecond();
        clock = new VirtualClock(Instant.ofEpochSecond(second));
        pipeline = Pipeline.inMemory(config, clock, output, null);
        x = pipeline.input("deck-acc-x", Quantity.ACCELERATION);
        y = pipeline.input("deck-acc-y", Quantity.ACCELERATION);
        z = pipeline.input("deck-acc-z", Quantity.ACCELERATION);
        tiltIn = pipeline.input("deck-tilt", Quantity.TILT);
        strainIn = pipeline.input("deck-strain", Quantity.STRAIN);
        airIn = pipeline.input("deck-air", Quantity.TEMPERATURE);
    }

    /** One second of bridge input through the allocation-free channel inputs. */
    @Benchmark
    public void oneSecondOfBridgeInput() {
        long base = second * 1_000_000_000L;
        for (int i = 0; i < 400; i++) {
            long t = base + i * 2_500_000L;
            int k = (cursor + i) & (TABLE - 1);
            x.accept(t, vibration[k], Quality.OK);
            y.accept(t, vibration[(k + 17) & (TABLE - 1)], Quality.OK);
            z.accept(t, vibration[(k + 91) & (TABLE - 1)], Quality.OK);
            if ((i & 3) == 0) {
                strainIn.accept(t, strain[k], Quality.OK);
            }
            if (i % 40 == 0) {
                tiltIn.accept(t, tilt[k], Quality.OK);
            }
            if (i == 0) {
                airIn.accept(t, 8.5 + (second % 600) * 0.001, Quality.OK);
            }
        }
        cursor = (cursor + 400) & (TABLE - 1);
        second++;
        clock.setInstant(Instant.ofEpochSecond(second));
        pipeline.tick();
    }

    /** The same second through {@code SensorListener.sample(Sample)}, as drivers call it (a Sample and an Instant each). */
    @Benchmark
    public void oneSecondViaSampleObjects() {
        long base = second * 1_000_000_000L;
        for (int i = 0; i < 400; i++) {
            Instant t = Instant.ofEpochSecond(second, i * 2_500_000L);
            int k = (cursor + i) & (TABLE - 1);
            pipeline.sample(new Sample("deck-acc-x", Quantity.ACCELERATION, t, vibration[k], Quality.OK));
            pipeline.sample(
                    new Sample("deck-acc-y", Quantity.ACCELERATION, t, vibration[(k + 17) & (TABLE - 1)], Quality.OK));
            pipeline.sample(
                    new Sample("deck-acc-z", Quantity.ACCELERATION, t, vibration[(k + 91) & (TABLE - 1)], Quality.OK));
            if ((i & 3) == 0) {
                pipeline.sample(new Sample("deck-strain", Quantity.STRAIN, t, strain[k], Quality.OK));
            }
            if (i % 40 == 0) {
                pipeline.sample(new Sample("deck-tilt", Quantity.TILT, t, tilt[k], Quality.OK));
            }
            if (i == 0) {
                pipeline.sample(new Sample("deck-air", Quantity.TEMPERATURE, t, 8.5, Quality.OK));
            }
        }
        cursor = (cursor + 400) & (TABLE - 1);
        second++;
        clock.setInstant(Instant.ofEpochSecond(second));
        pipeline.tick();
        if (base < 0) {
            throw new IllegalStateException();
        }
    }
}
