package de.dos2030.iot.collector.condition;

import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Reading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cost of condition monitoring per stored reading (scripts/bench-condition.sh): a simulated bridge (three
 * modes, temperature, two strain gauges, tilt, one window every 10 s) fed batch by batch into the engine
 * with an in-memory port, so that the figure is the engine's own work (pairing, binning, baseline fit,
 * residual, CUSUM). The relational writes it causes come once per feature and closed 10-minute bin.
 * Prints ns per mode reading (good frequencies) and per reading of any kind, and the Theil-Sen fit time.
 */
public final class ConditionBench {
    private ConditionBench() {}

    public static void main(String[] args) {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Instant start = Instant.parse("2026-01-10T00:00:00Z");
        BridgeSimulation bridge = new BridgeSimulation(11, start, Duration.ofSeconds(10));
        RecordingPort port = new RecordingPort();
        ConditionEngine engine = new ConditionEngine(
                ConditionConfig.defaults().withLearningPeriod(Duration.ofDays(2)), port, Clock.systemUTC());
        // Warm-up: learning and the first baselines, then monitoring, until the JIT has settled.
        feed(engine, bridge, 4);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long modes = 0;
        long readings = 0;
        long nanos = 0;
        for (int day = 0; day < days; day++) {
            List<List<Reading>> batches = new ArrayList<>();
            for (int i = 0; i < 8640 / 60; i++) {
                batches.add(bridge.next(60)); // 10-minute batches, generated outside the timing
            }
            for (List<Reading> b : batches) {
                for (Reading r : b) {
                    readings++;
                    Feature f = Feature.of(r.quantity());
                    if (f != null && f.isMode() && r.quality() == Quality.OK) {
                        modes++;
                    }
                }
            }
            long t0 = cpu.getCurrentThreadCpuTime(); // CPU time: other processes share the cores
            for (List<Reading> b : batches) {
                engine.accept("gw-bench", "bridge-bench", b);
            }
            nanos += cpu.getCurrentThreadCpuTime() - t0;
        }
        System.out.printf(
                "condition engine over %d simulated days: %d readings, %d good mode readings, %d alerts%n",
                days, readings, modes, port.alerts.size());
        System.out.printf(
                "  per good mode reading: %.0f ns CPU (all engine work divided by mode readings)%n",
                (double) nanos / modes);
        System.out.printf("  per reading of any kind: %.0f ns%n", (double) nanos / readings);
        System.out.printf("  per simulated day of one bridge: %.1f ms%n", nanos / 1e6 / days);

        SplittableRandom random = new SplittableRandom(5);
        int n = 2016; // 14 days of 10-minute bins
        double[] x = new double[n];
        double[] y = new double[n];
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < n; i++) {
                x[i] = 20 * random.nextDouble();
                y[i] = 10.8 - 0.0216 * x[i] + 0.01 * random.nextDouble();
            }
            long t0 = cpu.getCurrentThreadCpuTime();
            RobustLine.fit(x, y, n, 1e-4);
            best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
        }
        System.out.printf("  Theil-Sen fit of %d bins (once per baseline): %.0f ms (best of 10)%n", n, best / 1e6);
    }

    private static void feed(ConditionEngine engine, BridgeSimulation bridge, int days) {
        for (int i = 0; i < days * 8640 / 60; i++) {
            engine.accept("gw-bench", "bridge-bench", bridge.next(60));
        }
    }
}
