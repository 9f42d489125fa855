package de.dos2030.iot.fleet;

import de.dos2030.iot.config.model.Endpoint;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.outbox.BatchOrigin;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxSettings;
import de.dos2030.iot.edge.uplink.Credentials;
import de.dos2030.iot.edge.uplink.Dispatcher;
import de.dos2030.iot.edge.uplink.mqtt.MqttUplink;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A gateway that only sends what its outbox holds, without sensors: how a test ends a fleet run
 * (stop the fleet, then drain) without new readings arriving while it waits for the last ack.
 * Same outbox, uplink and dispatcher classes as the agent; the generation log records the releases.
 */
final class Drainer implements AutoCloseable {
    private final Outbox outbox;
    private final MqttUplink uplink;
    private final Dispatcher dispatcher;

    Drainer(GatewayConfig config, Path gatewayDir, ScheduledExecutorService executor) throws Exception {
        Clock clock = Clock.systemUTC();
        this.outbox = Outbox.open(
                OutboxSettings.of(config.outbox()),
                new BatchOrigin(config.id(), config.site().id(), BatchOrigin.newBootId(clock.instant())),
                clock);
        GenerationLog log = new GenerationLog(gatewayDir, clock);
        log.attach(outbox, gatewayDir);
        Endpoint e = config.uplink().primary();
        this.uplink = new MqttUplink(
                new MqttUplink.Settings(
                        e.url(),
                        e.clientId(),
                        config.site().id(),
                        config.id(),
                        e.credentialsFile().map(Credentials::load).orElse(Credentials.none()),
                        e.ackTimeout()),
                executor);
        this.dispatcher = new Dispatcher(outbox, uplink, clock, executor, Dispatcher.Settings.defaults());
    }

    void start() {
        dispatcher.start();
    }

    long depth() {
        return outbox.stats().depth();
    }

    @Override
    public void close() {
        dispatcher.close();
        uplink.close();
        outbox.close();
    }
}
