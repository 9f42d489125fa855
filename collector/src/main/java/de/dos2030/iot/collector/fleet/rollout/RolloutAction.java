package de.dos2030.iot.collector.fleet.rollout;

import de.dos2030.iot.collector.gateways.Gateway;

/**
 * What a rollout of one {@link RolloutKind} does to a gateway: the version the gateway is to run, and asking it
 * to (setting its desired state). One bean per kind; a kind without one is refused when a rollout is started.
 */
public interface RolloutAction {
    RolloutKind kind();

    /**
     * Checks the request for this gateway and gives the version it will be asked to run.
     *
     * @throws de.dos2030.iot.collector.fleet.config.ConfigRefused   when the change is not valid for this gateway
     * @throws IllegalArgumentException when the request lacks what this kind needs
     */
    String targetVersion(Gateway gateway, Rollout rollout);

    /** Sets the gateway's desired state; idempotent (a restarted worker may ask twice). */
    void apply(Gateway gateway, Rollout rollout);
}
