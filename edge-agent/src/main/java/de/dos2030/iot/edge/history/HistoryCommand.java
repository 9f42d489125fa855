package de.dos2030.iot.edge.history;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.StiffnessLoss;
import de.dos2030.iot.edge.cli.DurationConverter;
import de.dos2030.iot.edge.runtime.UplinkFactory;
import de.dos2030.iot.edge.source.SimulatedDamage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edge-agent history}: a simulated gateway's past, on a virtual clock, delivered to its collector
 * now ({@link HistoryRun}). Exit codes: 0 every batch stored, 1 some batch not stored, 2 bad options or file.
 */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = {
            "Run a simulated gateway file over a past span on a virtual clock, as fast as the CPU allows, and deliver",
            "its window features (and raw samples, thinned) through the outbox and uplink, stamped with the simulated",
            "times: the collector gets a day of a simulated bridge in a minute or two."
        },
        footer = {
            "",
            "Examples:",
            "  edge-agent history --config bridge-sim-p2.yaml --duration 26h --simulate-damage f1:3%@24h",
            "  edge-agent history --config bridge-sim-p2.yaml --from 2026-12-01T00:00:00Z --duration 24h",
            "",
            "Exit codes: 0 every batch stored, 1 a batch was not stored, 2 bad options or gateway file."
        })
public final class HistoryCommand implements Callable<Integer> {

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "gateway file, all sensors simulated")
    Path config;

    @Option(
            names = "--from",
            paramLabel = "INSTANT",
            description = "first simulated instant, ISO-8601 (default: now minus --duration, so the history ends now)")
    Instant from;

    @Option(
            names = "--duration",
            required = true,
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "simulated span, e.g. 24h or 2d (at most 30d); it must end by now")
    Duration duration;

    @Option(
            names = "--simulate-damage",
            paramLabel = "MODE:LOSS",
            description = "as for run, counted from --from: f1:3%%@24h leaves the bridge healthy for the first 24 h")
    String simulateDamage;

    @Option(
            names = "--sample-interval",
            paramLabel = "D",
            defaultValue = "1m",
            converter = DurationConverter.class,
            description = "raw samples kept per sensor and quantity (default: one a minute; 0s: all); features all")
    Duration sampleInterval;

    @Option(
            names = "--batch-age",
            paramLabel = "D",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description = "simulated time a batch collects, instead of the file's max-age (default: ${DEFAULT-VALUE})")
    Duration batchAge;

    @Option(
            names = "--outbox",
            paramLabel = "DIR",
            description = "the run's own outbox (default: the file's outbox directory with -history appended)")
    Path outbox;

    @Option(
            names = "--wait",
            paramLabel = "D",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "how long to wait for the collector to store every batch (default: ${DEFAULT-VALUE})")
    Duration drainTimeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Clock wall = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        GatewayConfig gateway;
        HistoryRun.Options options;
        try {
            gateway = GatewayConfigLoader.load(config);
            if (simulateDamage != null) {
                gateway = SimulatedDamage.apply(gateway, StiffnessLoss.parse(simulateDamage));
            }
            Path dir = outbox != null
                    ? outbox
                    : gateway.outbox()
                            .directory()
                            .resolveSibling(gateway.outbox().directory().getFileName() + "-history");
            Instant start = from != null ? from : wall.instant().minus(duration);
            options = new HistoryRun.Options(start, duration, sampleInterval, batchAge, dir, drainTimeout);
            HistoryRun.check(gateway, options, wall);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) { // also a malformed --simulate-damage
            err.println(config + ": " + e.getMessage());
            return 2;
        }
        HistoryRun.Report r;
        try {
            GatewayConfig g = gateway;
            r = HistoryRun.run(gateway, options, wall, timers -> UplinkFactory.create(g, timers, wall));
        } catch (IllegalArgumentException e) {
            err.println(config + ": " + e.getMessage());
            return 2;
        }
        out.println(String.format(
                Locale.ROOT,
                "history of %s from %s to %s%s: %d readings (%d raw samples thinned out, %d alert events left out)"
                        + " in %d batches; %d stored, %d rejected, %d not delivered; %.1f s",
                gateway.id(),
                r.from(),
                r.end(),
                simulateDamage == null ? "" : " with damage " + simulateDamage,
                r.readings(),
                r.samplesThinned(),
                r.alertsLeftOut(),
                r.batches(),
                r.stored(),
                r.rejected(),
                r.waiting(),
                r.wall().toMillis() / 1000.0));
        out.flush();
        return r.complete() ? 0 : 1;
    }
}
