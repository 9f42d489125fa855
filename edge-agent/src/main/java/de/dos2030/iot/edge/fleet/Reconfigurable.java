package de.dos2030.iot.edge.fleet;

import de.dos2030.iot.config.model.GatewayConfig;

/**
 * What the configuration applier needs of the running agent: which configuration runs, a switch
 * to another one in-process (the outbox, the dispatcher and the rule state stay), and an extra
 * health report. Implemented by the agent.
 */
public interface Reconfigurable {

    /** A configuration as it runs: the loaded model, the file's text and its version. */
    record Running(GatewayConfig config, String yaml, String version) {}

    /** The configuration running now. */
    Running running();

    /**
     * Stops the running sensors and pipeline (their open batches go to the outbox) and starts
     * {@code next}'s; the uplink is replaced only when its endpoints changed.
     *
     * @param orphanReason why an active alarm whose rule {@code next} no longer has is cleared
     * @return what the new sensors show from now on
     * @throws Exception when the new configuration cannot be started (an output pin, the rule state); the
     *                   caller then switches back
     */
    SensorWatch switchTo(Running next, String orphanReason) throws Exception;

    /** Journals a health report now (it carries the latest fleet changes). */
    void reportHealth();
}
