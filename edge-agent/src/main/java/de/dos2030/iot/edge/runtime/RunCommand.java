package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.StiffnessLoss;
import de.dos2030.iot.edge.source.SimulatedDamage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edge-agent run --config FILE}: the gateway agent, until SIGTERM or SIGINT. Exit codes:
 * 0 after a graceful stop, 2 for a configuration the loader refuses, 1 when start-up fails.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the gateway agent: sensors, pipeline, outbox and uplink, until SIGTERM.")
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The gateway YAML file.")
    Path config;

    @Option(
            names = "--health-interval",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "Seconds between health reports (default: ${DEFAULT-VALUE}).")
    long healthSeconds;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Where rule state survives restarts (default: next to the outbox directory).")
    Path stateDir;

    @Option(
            names = "--sim-start",
            paramLabel = "INSTANT",
            description =
                    "Simulated sources: the classroom's time at start, ISO-8601 (default: now). Readings keep the real clock.")
    Instant simStart;

    @Option(
            names = "--sim-speed",
            paramLabel = "FACTOR",
            defaultValue = "1",
            description =
                    "Simulated sources: classroom time per real second, e.g. 200 for a school day in about 2 minutes "
                            + "(default: ${DEFAULT-VALUE}). Chips, bridges and timestamps stay real-time.")
    double simSpeed;

    @Option(
            names = "--simulate-damage",
            paramLabel = "MODE:LOSS",
            // picocli formats descriptions: a percent sign is written twice.
            description = "Simulated bridges: modes lose stiffness, e.g. f1:3%% (f1 about 1.5 %% lower) from the start,"
                    + " f1:3%%@30m from 30 minutes on; several: f1:3%%,f2:1%%. Replaces the file's damage.")
    String simulateDamage;

    @Override
    public Integer call() throws Exception {
        GatewayConfig gateway;
        try {
            gateway = GatewayConfigLoader.load(config);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            log.error(
                    "event=config-invalid file={} problems=\"{}\"",
                    config,
                    e.getMessage().replace('\n', ' '));
            return 2;
        }
        StartingConfig starting = StartingConfig.choose(config, gateway, Agent.stateDir(gateway, stateDir));
        gateway = starting.config();
        if (simulateDamage != null) {
            try {
                gateway = SimulatedDamage.apply(gateway, StiffnessLoss.parse(simulateDamage));
            } catch (IllegalArgumentException e) { // InvalidConfigException too: a malformed MODE:LOSS
                System.err.println("--simulate-damage: " + e.getMessage());
                return 2;
            }
            log.info("event=simulated-damage gateway={} damage={}", gateway.id(), simulateDamage);
        }
        if (!(simSpeed > 0 && simSpeed <= 100_000)) {
            System.err.println("--sim-speed " + simSpeed + " is out of range: above 0 up to 100000");
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Agent agent;
        try {
            agent = new Agent(
                    gateway,
                    starting.version(),
                    new Agent.Options(Duration.ofSeconds(healthSeconds), stateDir, simStart, simSpeed),
                    new Agent.Remote(starting.yaml(), config.toAbsolutePath().getParent(), starting.change()));
        } catch (Exception e) {
            log.error("event=agent-start-failed gateway={} error=\"{}\"", gateway.id(), e.getMessage(), e);
            return 1;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                agent.close();
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "shutdown"));
        agent.start();
        stopped.await();
        return 0;
    }
}
