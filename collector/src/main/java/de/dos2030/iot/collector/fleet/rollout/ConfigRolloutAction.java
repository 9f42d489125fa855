package de.dos2030.iot.collector.fleet.rollout;

import de.dos2030.iot.collector.fleet.ConfigVersion;
import de.dos2030.iot.collector.fleet.config.DesiredConfigs;
import de.dos2030.iot.collector.gateways.Gateway;
import jakarta.inject.Singleton;

/** A configuration rollout: each gateway gets the template rendered for it, checked like a hand-set file. */
@Singleton
public class ConfigRolloutAction implements RolloutAction {
    private final DesiredConfigs configs;

    public ConfigRolloutAction(DesiredConfigs configs) {
        this.configs = configs;
    }

    @Override
    public RolloutKind kind() {
        return RolloutKind.CONFIG;
    }

    @Override
    public String targetVersion(Gateway gateway, Rollout rollout) {
        if (rollout.template() == null || rollout.template().isBlank()) {
            throw new IllegalArgumentException("yaml is missing: a config rollout needs the gateway file");
        }
        String yaml = ConfigTemplate.render(rollout.template(), gateway);
        DesiredConfigs.check(gateway, yaml);
        return ConfigVersion.of(yaml);
    }

    @Override
    public void apply(Gateway gateway, Rollout rollout) {
        configs.set(
                gateway, ConfigTemplate.render(rollout.template(), gateway), "rollout " + rollout.id(), rollout.id());
    }
}
