package de.dos2030.iot.edge.fleet;

import de.dos2030.iot.edge.fleet.DesiredState.AgentPart;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where desired-state documents arrive, from the MQTT subscription or the HTTP pull: parses each,
 * queues a configuration that differs from the running one on the {@link ConfigApplier}, and hands an
 * agent release on once per release. A document that cannot be read is logged and dropped: the
 * running configuration stays. Thread-safe.
 */
public final class DesiredReceiver implements Consumer<byte[]> {
    private static final Logger log = LoggerFactory.getLogger(DesiredReceiver.class);

    /** What the agent does with an agent release until the updater is wired. */
    public static final Consumer<AgentPart> UPDATES_NOT_WIRED = part ->
            log.info("event=agent-update-ignored version={} why=\"agent updates not wired yet\"", part.version());

    private final ConfigApplier applier;
    private final Supplier<String> runningVersion;
    private final Consumer<AgentPart> agentUpdates;
    private AgentPart lastAgent;

    public DesiredReceiver(ConfigApplier applier, Supplier<String> runningVersion, Consumer<AgentPart> agentUpdates) {
        this.applier = applier;
        this.runningVersion = runningVersion;
        this.agentUpdates = agentUpdates;
    }

    @Override
    public void accept(byte[] document) {
        DesiredState desired;
        try {
            desired = DesiredState.parse(document);
        } catch (IllegalArgumentException e) {
            log.warn("event=desired-state-unreadable bytes={} cause=\"{}\"", document.length, e.getMessage());
            return;
        }
        desired.config().filter(c -> !c.version().equals(runningVersion.get())).ifPresent(c -> {
            log.info("event=desired-config-received version={} running={}", c.version(), runningVersion.get());
            applier.offer(c);
        });
        desired.agent().filter(this::isNew).ifPresent(agentUpdates);
    }

    private synchronized boolean isNew(AgentPart part) {
        if (Objects.equals(part, lastAgent)) {
            return false;
        }
        lastAgent = part;
        return true;
    }
}
