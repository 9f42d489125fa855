package de.dos2030.iot.collector.alerts.delivery;

import de.dos2030.iot.collector.alerts.AlertNotification;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT channel: publishes the step as JSON to {@code <prefix>/<site>/<severity>} (prefix = the
 * subscription's target, {@code dos/alerts} by default) at QoS 1, content type
 * {@code application/json}. Connects on first use and reconnects by itself; while the broker is
 * unreachable attempts fail and are retried with backoff like any other delivery.
 *
 * <p>At most the broker's Receive Maximum of QoS 1/2 publishes await their acknowledgement; past
 * it an attempt fails at once and is retried. Paho 1.2.5 would refuse the publish itself, but only
 * after registering a topic alias the broker never saw, which cost the connection (see the MQTT
 * door in collector/README.md).
 */
@Singleton
public class MqttAlertSender implements ChannelSender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttAlertSender.class);

    private final MqttAlertConfig config;
    private final JsonMapper json;
    private MqttAsyncClient client;
    /** Publishes awaiting the broker's acknowledgement on the current connection (a new counter per connection). */
    private volatile AtomicInteger unacknowledged = new AtomicInteger();

    private volatile int brokerWindow = Integer.MAX_VALUE;

    public MqttAlertSender(MqttAlertConfig config, JsonMapper json) {
        this.config = config;
        this.json = json;
    }

    @Override
    public DeliveryChannel channel() {
        return DeliveryChannel.MQTT;
    }

    @Override
    public void checkTarget(String target) {
        if (config.url() == null) {
            throw new IllegalArgumentException("the MQTT channel is not configured (collector.alerts.mqtt.url)");
        }
        if (target.isEmpty()
                || target.length() > 200
                || target.contains("+")
                || target.contains("#")
                || target.startsWith("/")
                || target.endsWith("/")
                || target.startsWith("$")) {
            throw new IllegalArgumentException("target '" + target
                    + "' must be a topic prefix without wildcards or a leading/trailing '/', e.g. dos/alerts");
        }
    }

    /** The topic a step goes to. */
    public static String topic(String prefix, AlertNotification step) {
        return prefix + "/" + step.siteId() + "/" + step.severity();
    }

    @Override
    public CompletionStage<Void> send(Subscription s, AlertNotification step, long deliveryId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttAsyncClient c;
        try {
            c = connected();
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(
                    new IllegalStateException("MQTT broker " + config.url() + ": " + e.getMessage()));
            return done;
        }
        AtomicInteger window = unacknowledged;
        if (config.qos() > 0 && window.incrementAndGet() > brokerWindow) {
            release(window);
            done.completeExceptionally(new IllegalStateException("MQTT broker " + config.url() + ": its window of "
                    + brokerWindow + " unacknowledged publishes is full"));
            return done;
        }
        try {
            MqttMessage message = new MqttMessage(json.writeValueAsBytes(step));
            message.setQos(config.qos());
            MqttProperties props = new MqttProperties();
            props.setContentType("application/json");
            message.setProperties(props);
            c.publish(topic(s.target(), step), message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    release(window);
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    release(window);
                    done.completeExceptionally(new IllegalStateException("MQTT publish failed: " + e.getMessage()));
                }
            });
        } catch (MqttException | IOException | RuntimeException e) {
            release(window);
            done.completeExceptionally(
                    new IllegalStateException("MQTT broker " + config.url() + ": " + e.getMessage()));
        }
        return done;
    }

    private void release(AtomicInteger window) {
        if (config.qos() > 0) {
            window.decrementAndGet();
        }
    }

    private synchronized MqttAsyncClient connected() throws MqttException {
        if (config.url() == null) {
            throw new IllegalStateException("the MQTT channel is not configured (collector.alerts.mqtt.url)");
        }
        if (client == null) {
            client = new MqttAsyncClient(
                    config.url(),
                    "dos-collector-alerts-" + UUID.randomUUID().toString().substring(0, 8),
                    new MemoryPersistence());
        }
        if (!client.isConnected()) {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setConnectionTimeout(5);
            if (config.username() != null) {
                options.setUserName(config.username());
                options.setPassword(
                        config.password() == null
                                ? new byte[0]
                                : config.password().getBytes(StandardCharsets.UTF_8));
            }
            IMqttToken connack = client.connect(options);
            connack.waitForCompletion(5_000);
            Integer receiveMaximum = connack.getResponseProperties() == null
                    ? null
                    : connack.getResponseProperties().getReceiveMaximum();
            unacknowledged = new AtomicInteger();
            brokerWindow = receiveMaximum == null ? Integer.MAX_VALUE : receiveMaximum;
            LOG.info("Alert publisher connected to {}", config.url());
        }
        return client;
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.disconnect(2_000).waitForCompletion(2_000);
                }
                client.close();
            } catch (MqttException e) {
                LOG.debug("Alert publisher close: {}", e.getMessage());
            }
        }
    }
}
