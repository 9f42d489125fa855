package de.dos2030.iot.collector.alerts.delivery;

import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.mqtt.MqttLink;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
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
 * <p>Publishes through {@link MqttLink}, which keeps them within the broker's Receive Maximum (the
 * reason is written there): past it an attempt fails at once and is retried with backoff.
 */
@Singleton
public class MqttAlertSender implements ChannelSender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttAlertSender.class);

    private final MqttAlertConfig config;
    private final JsonMapper json;
    private MqttLink link;

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
        MqttLink l;
        MqttMessage message;
        try {
            l = connected();
            message = new MqttMessage(json.writeValueAsBytes(step));
        } catch (MqttException | IOException | ExecutionException | TimeoutException | RuntimeException e) {
            done.completeExceptionally(brokerFailure(e));
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(brokerFailure(e));
            return done;
        }
        message.setQos(config.qos());
        MqttProperties props = new MqttProperties();
        props.setContentType("application/json");
        message.setProperties(props);
        CompletableFuture<Void> sent = l.publish(topic(s.target(), step), message);
        boolean refusedAtOnce = sent.isCompletedExceptionally();
        sent.whenComplete((ok, failure) -> {
            if (failure == null) {
                done.complete(null);
            } else if (refusedAtOnce) {
                done.completeExceptionally(brokerFailure(failure));
            } else {
                done.completeExceptionally(new IllegalStateException("MQTT publish failed: " + failure.getMessage()));
            }
        });
        return done;
    }

    private IllegalStateException brokerFailure(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException("MQTT broker " + config.url() + ": " + cause.getMessage());
    }

    private synchronized MqttLink connected()
            throws MqttException, ExecutionException, TimeoutException, InterruptedException {
        if (config.url() == null) {
            throw new IllegalStateException("the MQTT channel is not configured (collector.alerts.mqtt.url)");
        }
        if (link == null) {
            link = MqttLink.paho(
                    config.url(),
                    "dos-collector-alerts-" + UUID.randomUUID().toString().substring(0, 8));
        }
        if (!link.isConnected()) {
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
            link.connect(options).get(5, TimeUnit.SECONDS);
            LOG.info("Alert publisher connected to {}", config.url());
        }
        return link;
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (link != null) {
            try {
                if (link.isConnected()) {
                    link.disconnect(Duration.ofSeconds(2)).get(2, TimeUnit.SECONDS);
                }
                link.close();
            } catch (MqttException | ExecutionException | TimeoutException e) {
                LOG.debug("Alert publisher close: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
