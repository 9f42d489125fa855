package de.dos2030.iot.collector.ingest.mqtt;

import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.ingest.Door;
import de.dos2030.iot.collector.ingest.IngestAnswer;
import de.dos2030.iot.collector.ingest.IngestOutcome;
import de.dos2030.iot.collector.ingest.IngestService;
import de.dos2030.iot.collector.ingest.RejectKind;
import de.dos2030.iot.model.codec.BatchCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT v5 door. Subscribes (QoS 1, shared) to {@code $share/<group>/dos/+/+/batch|alert|health};
 * the broker has authenticated the publisher and its ACL lets a gateway publish only under its own
 * topic, so the topic's gateway is the sender. Each payload is a batch (JSON or CBOR, by the
 * content-type property or else by its first byte). After InfluxDB accepted it (or it was refused
 * for good, or the gateway is over its rate: {@code try_later} with retryAfterSeconds), the answer
 * goes to the message's response topic with its correlation data; while InfluxDB is unavailable
 * there is no answer and the gateway re-sends after its timeout.
 *
 * <p>Paho delivers messages on one thread; storing is asynchronous so that thread never waits
 * for InfluxDB. At most {@code maxInFlight} batches are held at once.
 */
@Context
@Requires(property = "collector.mqtt.enabled", notEquals = "false")
public class MqttIngestDoor implements MqttCallback, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestDoor.class);
    private static final String[] KINDS = {"batch", "alert", "health"};

    private final MqttIngestConfig config;
    private final IngestService ingest;
    private final GatewayRegistry registry;
    private final JsonMapper json;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final Semaphore inFlight;
    private final Counter dropped;
    private final Counter disconnects;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-connect");
        t.setDaemon(true);
        return t;
    });
    /** Decoding and validation off Paho's single delivery thread, so batches are checked in parallel. */
    private final java.util.concurrent.ExecutorService workers =
            Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "mqtt-ingest");
                t.setDaemon(true);
                return t;
            });

    private volatile boolean closed;

    public MqttIngestDoor(
            MqttIngestConfig config,
            IngestService ingest,
            GatewayRegistry registry,
            JsonMapper json,
            MeterRegistry meters)
            throws MqttException {
        this.config = config;
        this.ingest = ingest;
        this.registry = registry;
        this.json = json;
        this.inFlight = new Semaphore(config.maxInFlight());
        this.dropped = Counter.builder("collector.mqtt.unanswered")
                .description(
                        "MQTT batches left unanswered: maxInFlight batches were being stored, or the broker was not connected")
                .register(meters);
        this.disconnects = Counter.builder("collector.mqtt.disconnects")
                .description("times the MQTT door lost the broker")
                .register(meters);
        String clientId = config.clientId() != null ? config.clientId() : "dos-collector-" + hostName();
        this.client = new MqttAsyncClient(config.url(), clientId, new MemoryPersistence());
        this.client.setCallback(this);
        this.options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval(30);
        options.setReceiveMaximum(Math.min(65_535, config.maxInFlight()));
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        meters.gauge("collector.mqtt.connected", client, c -> c.isConnected() ? 1 : 0);
        connector.execute(this::connect);
    }

    /** Whether the door is connected to the broker (health). */
    public boolean isConnected() {
        return client.isConnected();
    }

    public String url() {
        return config.url();
    }

    /** Paho reconnects by itself only after a first success: until then, keep trying here. */
    private void connect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(10_000);
            LOG.info("MQTT door connected to {} as {}", config.url(), client.getClientId());
        } catch (MqttException e) {
            LOG.warn("MQTT door cannot connect to {}: {} (retrying in 5 s)", config.url(), e.getMessage());
            connector.schedule(this::connect, 5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        String[] filters = new String[KINDS.length];
        int[] qos = new int[KINDS.length];
        for (int i = 0; i < KINDS.length; i++) {
            filters[i] = "$share/" + config.shareGroup() + "/" + config.topicPrefix() + "/+/+/" + KINDS[i];
            qos[i] = 1;
        }
        try {
            client.subscribe(filters, qos);
            LOG.info("MQTT door subscribed to {} (reconnect: {})", String.join(", ", filters), reconnect);
        } catch (MqttException e) {
            LOG.error("MQTT door could not subscribe at {}: {}", serverURI, e.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        String[] levels = topic.split("/");
        if (levels.length != 4 || !levels[0].equals(config.topicPrefix())) {
            LOG.warn("MQTT door ignores a message on unexpected topic '{}'", topic);
            return;
        }
        String site = levels[1];
        String gatewayId = levels[2];
        if (!inFlight.tryAcquire()) {
            dropped.increment();
            return; // no answer: the gateway re-sends after its timeout
        }
        answerWhenDone(
                topic,
                message,
                CompletableFuture.supplyAsync(() -> handle(site, gatewayId, message), workers)
                        .thenCompose(stage -> stage));
    }

    private CompletionStage<IngestOutcome> handle(String site, String gatewayId, MqttMessage message) {
        Optional<Gateway> sender = registry.enabled(gatewayId);
        if (sender.isEmpty()) {
            return CompletableFuture.completedFuture(IngestOutcome.Rejected.of(
                    RejectKind.UNAUTHORIZED, "topic", "gateway '" + gatewayId + "' is not registered or is disabled"));
        }
        if (!sender.get().siteId().equals(site)) {
            return CompletableFuture.completedFuture(IngestOutcome.Rejected.of(
                    RejectKind.FORBIDDEN,
                    "topic",
                    "gateway '" + gatewayId + "' is registered for site '"
                            + sender.get().siteId() + "', not '" + site + "'"));
        }
        byte[] payload = message.getPayload();
        return ingest.ingest(
                Door.MQTT, sender.get(), codecOf(message.getProperties(), payload), payload, config.maxPayloadBytes());
    }

    static BatchCodec codecOf(MqttProperties properties, byte[] payload) {
        String contentType = properties == null ? null : properties.getContentType();
        if (contentType != null) {
            return BatchCodec.forMediaType(contentType);
        }
        return payload.length > 0 && payload[0] == '{' ? BatchCodec.json() : BatchCodec.cbor();
    }

    /** Answers on the door's workers: the future completes on an InfluxDB writer thread, which must go back to writing. */
    private void answerWhenDone(String topic, MqttMessage request, CompletionStage<IngestOutcome> outcome) {
        outcome.whenCompleteAsync(
                (result, failure) -> {
                    inFlight.release();
                    if (failure != null) {
                        LOG.error("MQTT door: ingest of a message on '{}' failed unexpectedly", topic, failure);
                        return;
                    }
                    if (result instanceof IngestOutcome.TryLater) {
                        return; // no answer: the gateway keeps the batch and re-sends it
                    }
                    MqttProperties props = request.getProperties();
                    String responseTopic = props == null ? null : props.getResponseTopic();
                    if (responseTopic == null) {
                        return;
                    }
                    String own = topic.substring(0, topic.lastIndexOf('/') + 1);
                    if (!responseTopic.startsWith(own)) {
                        LOG.warn(
                                "MQTT door does not answer on '{}': a gateway's response topic must be under '{}'",
                                responseTopic,
                                own);
                        return;
                    }
                    publishAnswer(responseTopic, props.getCorrelationData(), result);
                },
                workers);
    }

    /**
     * Answers at QoS 0. A lost answer costs what a missing one does: the gateway re-sends and the
     * re-send is stored idempotently; QoS 1 would add nothing a gateway with a clean session keeps.
     * And QoS 1 was dangerous with Paho 1.2.5: a publish refused past the broker's Receive Maximum
     * ("Too many publishes in progress") has already registered a topic alias the broker never
     * saw, so the next answer on that topic, and every in-flight answer re-sent after a reconnect,
     * carries an unknown alias; Mosquitto disconnects for a protocol error, and the resumed session
     * repeats it on every reconnect. QoS 0 publishes are never in flight, so none is refused.
     */
    private void publishAnswer(String responseTopic, byte[] correlationData, IngestOutcome outcome) {
        try {
            MqttProperties answerProps = new MqttProperties();
            answerProps.setContentType("application/json");
            if (correlationData != null) {
                answerProps.setCorrelationData(correlationData);
            }
            MqttMessage answer =
                    new MqttMessage(json.writeValueAsBytes(IngestAnswer.of(outcome)), 0, false, answerProps);
            client.publish(responseTopic, answer);
        } catch (IOException | MqttException e) {
            // The gateway hears nothing and re-sends; the re-send is stored idempotently.
            dropped.increment();
            LOG.warn("MQTT door could not answer on '{}': {}", responseTopic, e.getMessage());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        if (!closed) {
            disconnects.increment();
            LOG.warn("MQTT door lost the broker at {}: {} (reconnecting)", config.url(), response.getReasonString());
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // answers are QoS 0: nothing to track
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @PreDestroy
    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        workers.shutdown();
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("MQTT door did not close cleanly: {}", e.getMessage());
        }
    }
}
