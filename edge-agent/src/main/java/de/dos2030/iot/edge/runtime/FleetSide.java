package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.config.model.Endpoint;
import de.dos2030.iot.config.model.FleetConfig;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.fleet.ConfigApplier;
import de.dos2030.iot.edge.fleet.ConfigFiles;
import de.dos2030.iot.edge.fleet.DesiredPull;
import de.dos2030.iot.edge.fleet.DesiredReceiver;
import de.dos2030.iot.edge.fleet.DesiredState.AgentPart;
import de.dos2030.iot.edge.fleet.FleetChanges;
import de.dos2030.iot.edge.fleet.Reconfigurable;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.uplink.Credentials;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's remote-configuration wiring: the applier, the receiver the MQTT uplink feeds, and the
 * HTTP pull when the file names a {@code collector-url}. Off when the running file has no
 * {@code fleet:} section or its text is unknown (an agent embedded in a test harness).
 */
final class FleetSide implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FleetSide.class);

    private final ConfigApplier applier;
    private final DesiredReceiver receiver;
    private DesiredPull pull;

    FleetSide(
            Reconfigurable agent,
            Agent.Remote remote,
            ConfigFiles files,
            FleetChanges changes,
            Outbox outbox,
            Clock clock,
            Consumer<AgentPart> agentUpdates) {
        boolean enabled = remote.yaml() != null
                && remote.baseDirectory() != null
                && agent.running().config().fleet().isPresent();
        this.applier = enabled ? new ConfigApplier(agent, files, changes, outbox, clock, remote.baseDirectory()) : null;
        this.receiver =
                enabled ? new DesiredReceiver(applier, () -> agent.running().version(), agentUpdates) : null;
    }

    /** What the MQTT uplink hands desired-state documents to; null when remote configuration is off. */
    Consumer<byte[]> receiver() {
        return receiver;
    }

    void start(GatewayConfig config) {
        if (receiver == null) {
            log.info("event=remote-config-off why=\"no fleet: section in the running file\"");
            return;
        }
        FleetConfig fleet = config.fleet().orElseThrow();
        fleet.collectorUrl().ifPresent(url -> {
            pull = new DesiredPull(url, token(config), fleet.pullInterval(), receiver);
            pull.start();
        });
        log.info(
                "event=remote-config-on mqtt-topic=dos/{}/{}/desired http-pull={}",
                config.site().id(),
                config.id(),
                fleet.collectorUrl().map(Object::toString).orElse("off"));
    }

    /** The gateway's token: from the HTTP/CoAP endpoint's credentials, else the MQTT one's. */
    static Optional<String> token(GatewayConfig config) {
        return Stream.concat(
                        config.uplink().alternative().stream(),
                        Stream.of(config.uplink().primary()))
                .map(Endpoint::credentialsFile)
                .flatMap(Optional::stream)
                .map(Credentials::load)
                .map(Credentials::token)
                .flatMap(Optional::stream)
                .findFirst();
    }

    @Override
    public void close() {
        if (pull != null) {
            pull.close();
        }
        if (applier != null) {
            applier.close();
        }
    }
}
