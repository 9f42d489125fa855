package de.dos2030.iot.collector.ingest.mqtt;

import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.ingest.Door;
import de.dos2030.iot.collector.ingest.IngestAnswer;
import de.dos2030.iot.collector.ingest.IngestOutcome;
import de.dos2030.iot.collector.ingest.IngestService;
import de.dos2030.iot.collector.ingest.RejectKind;
import de.dos2030.iot.model.codec.BatchCodec;
import de.dos2030.iot.mqtt.MqttEvents;
import de.dos2030.iot.mqtt.MqttLink;
import de.dos2030.iot.mqtt.PemTrust;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
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
public class MqttIngestDoor implements MqttEvents, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestDoor.class);
    private static final String[] KINDS = {"batch", "alert", "health"};
    /** Room for the topic and properties of a publish beside its payload. */
    static final int PACKET_HEADROOM_BYTES = 64 * 1024;
    /** How often the door checks that it still receives ({@link ReceiverWatchdog}). */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(10);

    private final MqttIngestConfig config;
    private final IngestService ingest;
    private final GatewayRegistry registry;
    private final JsonMapper json;
    private final MqttLink link;
    private final String clientId;
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

    private final String probeTopic;
    private final ReceiverWatchdog watchdog;
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
        this.clientId = config.clientId() != null ? config.clientId() : "dos-collector-" + hostName();
        this.link = MqttLink.paho(config.url(), clientId);
        link.listen(this);
        this.options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval(30);
        options.setReceiveMaximum(Math.min(65_535, config.maxInFlight()));
        // The broker must not send us more than we would accept: a publish of 120 MB once killed Paho's
        // receiver (OutOfMemoryError) and came back on every reconnect. Beyond this the broker drops it.
        options.setMaximumPacketSize((long) config.maxPayloadBytes() + PACKET_HEADROOM_BYTES);
        if (config.caFile() != null) {
            options.setSocketFactory(PemTrust.socketFactory(config.caFile()));
        }
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        meters.gauge("collector.mqtt.connected", link, l -> l.isConnected() ? 1 : 0);
        this.probeTopic = config.topicPrefix() + "/_collector/" + clientId + "/probe";
        this.watchdog = new ReceiverWatchdog(PROBE_INTERVAL, link::isConnected, System::nanoTime);
        connector.execute(this::connect);
        connector.scheduleWithFixedDelay(
                this::probe, PROBE_INTERVAL.toMillis(), PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the door still receives what it subscribed to (health); see {@link ReceiverWatchdog}. */
    public boolean isReceiving() {
        return watchdog.receiving();
    }

    private void probe() {
        if (watchdog.newlyDead()) {
            LOG.error(
                    "MQTT door hears nothing, not even its own probe on '{}', though connected: reconnecting",
                    probeTopic);
            try {
                link.disconnectForcibly();
            } catch (MqttException e) {
                LOG.warn("MQTT door could not drop its dead connection: {}", e.getMessage());
            }
            connect();
            return;
        }
        if (link.isConnected()) {
            link.publish(probeTopic, new MqttMessage(new byte[0], 0, false, new MqttProperties()));
        }
    }

    /** Whether the door is connected to the broker (health). */
    public boolean isConnected() {
        return link.isConnected();
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
            link.connect(options).get(10, TimeUnit.SECONDS);
            LOG.info("MQTT door connected to {} as {}", config.url(), clientId);
        } catch (ExecutionException | TimeoutException e) {
            String cause = e.getCause() != null ? e.getCause().getMessage() : "no CONNACK within 10 s";
            LOG.warn("MQTT door cannot connect to {}: {} (retrying in 5 s)", config.url(), cause);
            connector.schedule(this::connect, 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void connected(boolean reconnect) {
        watchdog.connected();
        link.subscribe(probeTopic, 0);
        String[] filters = new String[KINDS.length];
        int[] qos = new int[KINDS.length];
        for (int i = 0; i < KINDS.length; i++) {
            filters[i] = "$share/" + config.shareGroup() + "/" + config.topicPrefix() + "/+/+/" + KINDS[i];
            qos[i] = 1;
        }
        link.subscribe(filters, qos).whenComplete((ok, failure) -> {
            if (failure == null) {
                LOG.info("MQTT door subscribed to {} (reconnect: {})", String.join(", ", filters), reconnect);
            } else {
                LOG.error("MQTT door could not subscribe at {}: {}", config.url(), failure.getMessage());
            }
        });
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        if (topic.equals(probeTopic)) {
            watchdog.heard();
            return;
        }
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
     * And the door resumes its session, so {@link MqttLink} allows it QoS 0 only (its alias rule).
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
            link.publish(responseTopic, answer).whenComplete((ok, failure) -> {
                if (failure != null) {
                    unanswered(responseTopic, failure);
                }
            });
        } catch (IOException e) {
            unanswered(responseTopic, e);
        }
    }

    /** The gateway hears nothing and re-sends; the re-send is stored idempotently. */
    private void unanswered(String responseTopic, Throwable why) {
        dropped.increment();
        LOG.warn("MQTT door could not answer on '{}': {}", responseTopic, why.getMessage());
    }

    @Override
    public void lost(String cause) {
        if (!closed) {
            disconnects.increment();
            LOG.warn("MQTT door lost the broker at {}: {} (reconnecting)", config.url(), cause);
        }
    }

    @Override
    public void error(String cause) {
        LOG.warn("MQTT error: {}", cause);
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
            if (link.isConnected()) {
                link.disconnect(Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("MQTT door did not disconnect cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                link.close();
            } catch (MqttException e) {
                LOG.warn("MQTT door did not close cleanly: {}", e.getMessage());
            }
        }
    }
}
