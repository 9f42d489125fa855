package de.dos2030.iot.fleet;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.load.GatewayConfigWriter;
import de.dos2030.iot.config.model.FleetConfig;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.fleet.ConfigApplier;
import de.dos2030.iot.edge.fleet.ConfigFiles;
import de.dos2030.iot.edge.fleet.ConfigVersion;
import de.dos2030.iot.edge.runtime.Agent;
import de.dos2030.iot.model.FleetChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A fleet member that takes remote configurations, started the way {@code edge-agent run} starts one:
 * its derived file, with a {@code fleet:} section, is installed as {@code <dir>/gateway.yaml}; a committed
 * remote file ({@code <state>/config/active.yaml}) runs instead when it still fits the gateway, and an apply
 * a kill interrupted is undone and reported as rolled back (the agent's {@code StartingConfig}, which is not
 * public, does the same).
 *
 * @param config  what the agent runs
 * @param version its {@code sha256:} version
 * @param remote  the running file's text, the base of relative paths, a start-up outcome
 */
record RemoteStart(GatewayConfig config, String version, Agent.Remote remote) {
    static final String INSTALLED_FILE = "gateway.yaml";
    /** Pulls are off (no collector URL); the value only has to be valid. */
    private static final Duration PULL_INTERVAL = Duration.ofMinutes(5);

    static RemoteStart prepare(GatewayConfig derived, Path gatewayDir, Path stateDir, Duration applyWatch)
            throws IOException, ConfigException {
        GatewayConfig installed = new GatewayConfig(
                derived.id(),
                derived.site(),
                derived.uplink(),
                derived.outbox(),
                derived.sensors(),
                derived.outputs(),
                Optional.of(new FleetConfig(
                        Optional.empty(), PULL_INTERVAL, applyWatch, Optional.empty(), Duration.ofMinutes(5))));
        String installedYaml = GatewayConfigWriter.toYaml(installed);
        Path file = gatewayDir.resolve(INSTALLED_FILE);
        Files.writeString(file, installedYaml, StandardCharsets.UTF_8);
        // Read back, so the agent runs exactly what the file says (and its version is that of the file).
        installed = GatewayConfigLoader.load(file);
        ConfigFiles files = new ConfigFiles(stateDir);
        Optional<FleetChange> change = files.recoverInterruptedApply()
                .map(pending -> new FleetChange(
                        FleetChange.Kind.CONFIG,
                        pending.isEmpty() ? "unknown" : ConfigVersion.of(pending),
                        FleetChange.Outcome.ROLLED_BACK,
                        "agent restarted during apply",
                        Instant.now()));
        Optional<String> active = files.read(files.active().getFileName().toString());
        if (active.isPresent()) {
            try {
                GatewayConfig remote = GatewayConfigLoader.loadString(
                        active.get(), gatewayDir, files.active().toString());
                if (ConfigApplier.identityChange(installed, remote).isEmpty()) {
                    return new RemoteStart(
                            remote, ConfigVersion.of(active.get()), new Agent.Remote(active.get(), gatewayDir, change));
                }
            } catch (ConfigException e) {
                System.err.printf("fleet: %s ignored, no longer valid: %s%n", files.active(), e.getMessage());
            }
        }
        return new RemoteStart(
                installed, ConfigVersion.of(installedYaml), new Agent.Remote(installedYaml, gatewayDir, change));
    }
}
