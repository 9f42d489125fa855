package de.dos2030.iot.collector.fleet.delivery;

import de.dos2030.iot.collector.fleet.DesiredAgentChanged;
import de.dos2030.iot.collector.fleet.DesiredStateChanged;
import de.dos2030.iot.collector.fleet.FleetConfig;
import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.ingest.mqtt.MqttIngestConfig;
import de.dos2030.iot.mqtt.MqttLink;
import de.dos2030.iot.mqtt.PemTrust;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each gateway's desired-state document retained, QoS 1, on {@code <prefix>/<site>/<gateway>/desired}
 * with the collector's broker account ({@code collector.mqtt.*}); the ACL lets only that gateway read it.
 * A gateway subscribing gets the latest document at once, whenever it connects.
 *
 * <p>Own connection with clean start: the ingest door resumes its session and so may publish at QoS 0 only
 * ({@link MqttLink}'s alias rule). A gateway whose document changed is queued and published from one thread;
 * what the broker did not acknowledge stays queued and is tried again every {@code collector.fleet.publish-retry}.
 * At start every gateway with something desired is queued: publishing a retained document again is harmless,
 * and the broker may have lost it (a broker without persistence, a new broker).
 */
@Context
@Requires(property = "collector.mqtt.enabled", notEquals = "false")
public class DesiredPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DesiredPublisher.class);

    private final MqttIngestConfig mqtt;
    private final GatewayRegistry registry;
    private final DesiredStates states;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /** Each known gateway's desired-state topic, so that a deleted gateway's retained document can be cleared. */
    private final java.util.Map<String, String> topics = new ConcurrentHashMap<>();
    /** Topics of deleted gateways whose retained document is still to be cleared. */
    private final Set<String> clearing = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fleet-desired-publish");
        t.setDaemon(true);
        return t;
    });
    private MqttLink link;

    public DesiredPublisher(MqttIngestConfig mqtt, GatewayRegistry registry, DesiredStates states, FleetConfig config) {
        this.mqtt = mqtt;
        this.registry = registry;
        this.states = states;
        long every = config.publishRetry().toMillis();
        worker.execute(this::queueEverythingDesired);
        worker.scheduleWithFixedDelay(this::publishPendingQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** The topic of a gateway's desired state. */
    public static String topic(String prefix, Gateway g) {
        return prefix + "/" + g.siteId() + "/" + g.id() + "/desired";
    }

    @EventListener
    void onDesiredState(DesiredStateChanged e) {
        queue(e.gatewayId());
    }

    @EventListener
    void onDesiredAgent(DesiredAgentChanged e) {
        queue(e.gatewayId());
    }

    /** A deleted gateway's retained document is cleared (an empty retained message), so no stale file stays behind. */
    @EventListener
    void onGatewaysChanged(GatewayRegistry.GatewaysChanged e) {
        Set<String> present = new java.util.HashSet<>();
        for (Gateway g : e.gateways()) {
            present.add(g.id());
            topics.put(g.id(), topic(mqtt.topicPrefix(), g));
        }
        for (String id : List.copyOf(topics.keySet())) {
            if (!present.contains(id)) {
                clearing.add(topics.remove(id));
            }
        }
        if (!clearing.isEmpty()) {
            worker.execute(this::publishPendingQuietly);
        }
    }

    /** Publishes this gateway's document soon (and again until the broker acknowledges it). */
    public void queue(String gatewayId) {
        pending.add(gatewayId);
        worker.execute(this::publishPendingQuietly);
    }

    /** Gateways whose document the broker has not acknowledged yet. */
    public Set<String> pending() {
        return Set.copyOf(pending);
    }

    private void queueEverythingDesired() {
        try {
            for (Gateway g : registry.list()) {
                topics.put(g.id(), topic(mqtt.topicPrefix(), g));
                if (g.enabled() && !states.of(g.id()).document().isEmpty()) {
                    pending.add(g.id());
                }
            }
            publishPendingQuietly();
        } catch (RuntimeException e) {
            LOG.warn("Desired states not queued for publishing at start (retrying later): {}", e.toString());
            worker.schedule(this::queueEverythingDesired, 10, TimeUnit.SECONDS);
        }
    }

    private void publishPendingQuietly() {
        if (pending.isEmpty() && clearing.isEmpty()) {
            return;
        }
        try {
            MqttLink l = connected();
            for (String id : List.copyOf(pending)) {
                publish(l, id);
            }
            for (String topic : List.copyOf(clearing)) {
                l.publish(topic, new MqttMessage(new byte[0], 1, true, new MqttProperties()))
                        .get(10, TimeUnit.SECONDS);
                clearing.remove(topic);
                LOG.info("Cleared the retained desired state on {} (gateway deleted)", topic);
            }
        } catch (MqttException | ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn(
                    "Desired state of {} gateway(s) not published to {} (retrying): {}",
                    pending.size(),
                    mqtt.url(),
                    e.getCause() != null ? e.getCause().toString() : e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish(MqttLink l, String gatewayId)
            throws ExecutionException, TimeoutException, InterruptedException {
        Optional<Gateway> gateway = registry.find(gatewayId);
        if (gateway.isEmpty()) {
            pending.remove(gatewayId); // deleted meanwhile; the broker drops its topic's ACL with it
            return;
        }
        DesiredStates.Encoded doc = states.of(gatewayId);
        MqttProperties props = new MqttProperties();
        props.setContentType("application/json");
        MqttMessage message = new MqttMessage(doc.json(), 1, true, props);
        l.publish(topic(mqtt.topicPrefix(), gateway.get()), message).get(10, TimeUnit.SECONDS);
        pending.remove(gatewayId);
        LOG.info(
                "Published desired state of {} (config {}, agent {})",
                gatewayId,
                doc.document().config() == null
                        ? "none"
                        : doc.document().config().version(),
                doc.document().agent() == null ? "none" : doc.document().agent().version());
    }

    private synchronized MqttLink connected()
            throws MqttException, ExecutionException, TimeoutException, InterruptedException {
        if (link == null) {
            link = MqttLink.paho(
                    mqtt.url(),
                    "dos-collector-desired-" + UUID.randomUUID().toString().substring(0, 8));
        }
        if (!link.isConnected()) {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setConnectionTimeout(5);
            if (mqtt.caFile() != null) {
                options.setSocketFactory(PemTrust.socketFactory(mqtt.caFile()));
            }
            if (mqtt.username() != null) {
                options.setUserName(mqtt.username());
                options.setPassword(
                        mqtt.password() == null ? new byte[0] : mqtt.password().getBytes(StandardCharsets.UTF_8));
            }
            link.connect(options).get(5, TimeUnit.SECONDS);
            LOG.info("Desired-state publisher connected to {}", mqtt.url());
        }
        return link;
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        worker.shutdownNow();
        if (link != null) {
            try {
                if (link.isConnected()) {
                    link.disconnect(Duration.ofSeconds(2)).get(2, TimeUnit.SECONDS);
                }
                link.close();
            } catch (MqttException | ExecutionException | TimeoutException e) {
                LOG.debug("Desired-state publisher close: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
