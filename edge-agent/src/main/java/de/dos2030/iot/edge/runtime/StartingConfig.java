package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.fleet.ConfigApplier;
import de.dos2030.iot.edge.fleet.ConfigFiles;
import de.dos2030.iot.edge.fleet.ConfigVersion;
import de.dos2030.iot.model.FleetChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which configuration a starting agent runs: the committed remote one ({@code <state>/config/active.yaml})
 * when there is one for this gateway, else the installed {@code --config} file. An apply that a kill
 * interrupted is undone first: the configuration that ran before it runs, and the start reports the
 * interrupted one as rolled back.
 */
record StartingConfig(GatewayConfig config, String yaml, String version, Optional<FleetChange> change) {
    private static final Logger log = LoggerFactory.getLogger(StartingConfig.class);
    static final String RESTARTED_DURING_APPLY = "agent restarted during apply";

    static StartingConfig choose(Path installedFile, GatewayConfig installed, Path stateDir) throws IOException {
        ConfigFiles files = new ConfigFiles(stateDir);
        Optional<FleetChange> change = files.recoverInterruptedApply().map(pending -> {
            String version = pending.isEmpty() ? "unknown" : ConfigVersion.of(pending);
            log.warn("event=config-rolled-back version={} reason=\"{}\"", version, RESTARTED_DURING_APPLY);
            return new FleetChange(
                    FleetChange.Kind.CONFIG,
                    version,
                    FleetChange.Outcome.ROLLED_BACK,
                    RESTARTED_DURING_APPLY,
                    Instant.now());
        });
        String installedYaml = Files.readString(installedFile, StandardCharsets.UTF_8);
        Path active = files.active();
        if (Files.exists(active)) {
            String yaml = Files.readString(active, StandardCharsets.UTF_8);
            try {
                GatewayConfig remote = GatewayConfigLoader.loadString(
                        yaml, installedFile.toAbsolutePath().getParent(), active.toString());
                Optional<String> refusal = ConfigApplier.identityChange(installed, remote);
                if (refusal.isEmpty()) {
                    log.info(
                            "event=config-source file={} version={} instead-of={}",
                            active,
                            ConfigVersion.of(yaml),
                            installedFile);
                    return new StartingConfig(remote, yaml, ConfigVersion.of(yaml), change);
                }
                log.warn("event=config-active-ignored file={} why=\"{}\"", active, refusal.get());
            } catch (ConfigException e) {
                log.error(
                        "event=config-active-ignored file={} why=\"no longer valid: {}\"",
                        active,
                        e.getMessage().replace('\n', ' '));
            }
        }
        log.info("event=config-source file={} version={}", installedFile, ConfigVersion.of(installedYaml));
        return new StartingConfig(installed, installedYaml, ConfigVersion.of(installedYaml), change);
    }
}
