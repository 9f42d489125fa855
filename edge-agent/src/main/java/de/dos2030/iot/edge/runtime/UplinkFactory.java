package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.config.model.Endpoint;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.uplink.Credentials;
import de.dos2030.iot.edge.uplink.FailoverUplink;
import de.dos2030.iot.edge.uplink.Uplink;
import de.dos2030.iot.edge.uplink.coap.CoapUplink;
import de.dos2030.iot.edge.uplink.http.HttpUplink;
import de.dos2030.iot.edge.uplink.mqtt.MqttUplink;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/** Builds the adapters the gateway file names: the one place that knows Paho, Californium and the HTTP client. */
public final class UplinkFactory {
    /** How long the MQTT primary must be down before batches take the alternative. */
    static final Duration SWITCH_AFTER = Duration.ofMinutes(2);

    private UplinkFactory() {}

    public static Uplink create(GatewayConfig config, ScheduledExecutorService timers, Clock clock) {
        return create(config, timers, clock, null);
    }

    /** @param desired hears the retained desired-state document on MQTT endpoints; null: not subscribed */
    public static Uplink create(
            GatewayConfig config, ScheduledExecutorService timers, Clock clock, Consumer<byte[]> desired) {
        Uplink primary = endpoint(config, config.uplink().primary(), timers, desired);
        return config.uplink()
                .alternative()
                .<Uplink>map(
                        alt -> new FailoverUplink(primary, endpoint(config, alt, timers, desired), SWITCH_AFTER, clock))
                .orElse(primary);
    }

    private static Uplink endpoint(
            GatewayConfig config, Endpoint endpoint, ScheduledExecutorService timers, Consumer<byte[]> desired) {
        Credentials credentials =
                endpoint.credentialsFile().map(Credentials::load).orElse(Credentials.none());
        return switch (endpoint.protocol()) {
            case MQTT ->
                new MqttUplink(
                        new MqttUplink.Settings(
                                        endpoint.url(),
                                        endpoint.clientId(),
                                        config.site().id(),
                                        config.id(),
                                        credentials,
                                        endpoint.ackTimeout())
                                .trusting(endpoint.caFile()),
                        timers,
                        desired);
            case COAP -> new CoapUplink(endpoint.url(), credentials, config.id(), endpoint.ackTimeout(), timers);
            case HTTP -> new HttpUplink(endpoint.url(), credentials, endpoint.ackTimeout());
        };
    }
}
