package de.dos2030.iot.edge.cli;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sample.SensorFault;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edge-agent watch --config FILE}: current value and quality per sensor, refreshed in place. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = "Live view of every configured sensor's latest values and quality, refreshed in place.")
final class WatchCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "gateway configuration file (YAML)")
    Path config;

    @Option(
            names = "--refresh",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description = "screen refresh (wall time)")
    Duration refresh;

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            description = "stop after this much wall time (default: until Ctrl-C)")
    Duration duration;

    @Option(
            names = "--speed",
            defaultValue = "1",
            description = "simulated and replay time per wall second (no effect with hardware)")
    double speed;

    @Option(names = "--plain", description = "print frames one after another instead of redrawing (logs, pipes)")
    boolean plain;

    @Option(
            names = "--simulate-fault",
            paramLabel = "SENSOR=FAULT",
            description =
                    "simulated sources only: disconnect, crc (Sensirion chips, SCL3300), stuck, self-test, miswire")
    Map<String, TechnicianSession.SimFault> simFaults = new LinkedHashMap<>();

    @Option(names = "--sim-start", description = "simulated time to start at, ISO-8601 (default: now)")
    Instant simStart;

    private record Key(String sensorId, String quantity) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = sensorId.compareTo(o.sensorId);
            return c != 0 ? c : quantity.compareTo(o.quantity);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        GatewayConfig gatewayConfig;
        try {
            gatewayConfig = GatewayConfigLoader.load(config);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        Map<Key, Sample> latest = new ConcurrentSkipListMap<>();
        Map<Key, Long> counts = new ConcurrentHashMap<>();
        Map<String, SensorFault> faults = new ConcurrentSkipListMap<>();
        SensorListener listener = new SensorListener() {
            @Override
            public void sample(Sample s) {
                Key k = new Key(s.sensorId(), s.quantity().wireName());
                latest.put(k, s);
                counts.merge(k, 1L, Long::sum);
            }

            @Override
            public void fault(SensorFault f) {
                faults.put(f.sensorId(), f);
            }

            @Override
            public void recovered(String sensorId, Instant time) {
                faults.computeIfPresent(
                        sensorId, (id, f) -> new SensorFault(id, f.kind(), "(recovered) " + f.message(), f.time()));
            }
        };
        boolean redraw = !plain && System.console() != null;
        try (TechnicianSession session =
                        new TechnicianSession(gatewayConfig, simStart != null ? simStart : Instant.now(), simFaults);
                SensorScheduler scheduler = session.scheduler(listener)) {
            session.broken()
                    .forEach(b -> faults.put(
                            b.config().id(),
                            new SensorFault(
                                    b.config().id(),
                                    de.dos2030.iot.edge.sample.FaultKind.BUS_ERROR,
                                    b.message(),
                                    Instant.now())));
            Duration simSlice =
                    session.run.isVirtual() ? Duration.ofNanos((long) (refresh.toNanos() * speed)) : refresh;
            Duration limit = duration == null
                    ? Duration.ofDays(3650)
                    : session.run.isVirtual() ? Duration.ofNanos((long) (duration.toNanos() * speed)) : duration;
            session.run.run(scheduler, limit, simSlice, session.run.isVirtual() ? speed : 1, () -> false, () -> {
                if (redraw) out.print("\033[H\033[2J");
                render(
                        out,
                        gatewayConfig,
                        session.run.clock().instant(),
                        session.run.isVirtual(),
                        latest,
                        counts,
                        faults);
                out.flush();
            });
        }
        return 0;
    }

    private void render(
            PrintWriter out,
            GatewayConfig c,
            Instant now,
            boolean virtual,
            Map<Key, Sample> latest,
            Map<Key, Long> counts,
            Map<String, SensorFault> faults) {
        out.printf(
                "edge-agent watch  %s  %s%s%n",
                c.id(),
                TIME.format(now),
                virtual
                        ? String.format(
                                "  (simulated/replay time, x%s)",
                                speed == Math.rint(speed) ? String.valueOf((long) speed) : speed)
                        : "");
        out.printf(
                "%-18s %-20s %14s %-5s %-12s %8s %9s%n",
                "SENSOR", "QUANTITY", "VALUE", "UNIT", "QUALITY", "AGE", "SAMPLES");
        latest.forEach((k, s) -> out.printf(
                "%-18s %-20s %14s %-5s %-12s %8s %9d%n",
                k.sensorId(),
                k.quantity(),
                Values.number(s.quantity(), s.value()),
                s.quantity().unit(),
                s.quality(),
                age(Duration.between(s.timestamp(), now)),
                counts.getOrDefault(k, 0L)));
        c.sensors().stream()
                .filter(s ->
                        latest.keySet().stream().noneMatch(k -> k.sensorId().equals(s.id())))
                .forEach(s -> out.printf("%-18s %-20s %14s%n", s.id(), "-", "(no data yet)"));
        faults.values()
                .forEach(f -> out.println(
                        (f.message().startsWith("(recovered)") ? "last fault " : "FAULT ") + f.sensorId() + " at "
                                + TIME.format(f.time()) + ": " + f.message().replace("(recovered) ", "")));
        if (!redraw()) out.println();
    }

    private boolean redraw() {
        return !plain && System.console() != null;
    }

    private static String age(Duration d) {
        long s = d.toSeconds();
        if (s < 0) return "future"; // replayed samples carry recorded times
        return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s < 172800 ? s / 3600 + "h" : s / 86400 + "d";
    }
}
