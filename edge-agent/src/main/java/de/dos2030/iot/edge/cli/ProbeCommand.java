package de.dos2030.iot.edge.cli;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edge-agent probe --config FILE}: exit 0 all sensors OK, 1 a sensor failed, 2 the configuration is invalid. */
@Command(
        name = "probe",
        mixinStandardHelpOptions = true,
        description =
                "Start every configured sensor once: OK with chip id/serial and a first reading, or what is wrong and what to check.")
final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "gateway configuration file (YAML)")
    Path config;

    @Option(
            names = "--timeout",
            defaultValue = "40s",
            converter = DurationConverter.class,
            description = "longest wait for a sensor's first reading (sensor time; default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(
            names = "--simulate-fault",
            paramLabel = "SENSOR=FAULT",
            description =
                    "simulated sources only: give a sensor a fault (disconnect, crc (Sensirion chips and SCL3300), stuck, self-test (SCD41 at start, SCL3300), miswire) to see what probe reports")
    Map<String, TechnicianSession.SimFault> simFaults = new LinkedHashMap<>();

    @Option(names = "--sim-start", description = "simulated time to start at, ISO-8601 (default: now)")
    Instant simStart;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        GatewayConfig gatewayConfig;
        try {
            gatewayConfig = GatewayConfigLoader.load(config);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        try (TechnicianSession session =
                new TechnicianSession(gatewayConfig, simStart != null ? simStart : Instant.now(), simFaults)) {
            out.println("Probing gateway " + gatewayConfig.id() + " ("
                    + gatewayConfig.sensors().size()
                    + (gatewayConfig.sensors().size() == 1 ? " sensor, " : " sensors, ")
                    + (session.run.isVirtual() ? "simulated/replay time" : "hardware, real time") + ")");
            Probe.Report report = Probe.run(session, timeout);
            Probe.print(report, out);
            out.flush();
            return report.exitCode();
        }
    }
}
