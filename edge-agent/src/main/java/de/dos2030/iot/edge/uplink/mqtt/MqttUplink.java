package de.dos2030.iot.edge.uplink.mqtt;

import de.dos2030.iot.edge.uplink.AckMessage;
import de.dos2030.iot.edge.uplink.Backoff;
import de.dos2030.iot.edge.uplink.Credentials;
import de.dos2030.iot.edge.uplink.LinkListener;
import de.dos2030.iot.edge.uplink.MessageKind;
import de.dos2030.iot.edge.uplink.SendOutcome;
import de.dos2030.iot.edge.uplink.Uplink;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
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
 * MQTT v5 uplink (Paho): publishes each batch with QoS 1 to {@code dos/{site}/{gateway}/batch}
 * ({@code .../alert}, {@code .../health}) with response topic {@code dos/{site}/{gateway}/ack}
 * and the batch identity as correlation data, and completes the send when the collector's
 * answer arrives there, or with retry-later after the ack timeout. The broker's PUBACK alone never
 * counts as stored.
 *
 * <p>Last will {@code .../status = offline} (retained), {@code online} (retained) after each
 * connect. Reconnects with exponential backoff and jitter (Paho's own reconnect has no jitter).
 * The session is clean: the outbox, not the broker, holds what is unacknowledged.
 *
 * <p>Never more publishes await the broker's PUBACK than its Receive Maximum allows (from its
 * CONNACK; 20 on Mosquitto): past it a send answers "retry later" at once, without asking Paho.
 * Paho 1.2.5 would refuse the publish too, but only after registering a topic alias the broker
 * never saw; the next publish on that topic then carries the unknown alias and the broker drops
 * the connection for a protocol error. The dispatcher's backlog window (up to 64) passes 20.
 */
public final class MqttUplink implements Uplink {
    private static final Logger log = LoggerFactory.getLogger(MqttUplink.class);

    /**
     * @param url        {@code tcp://}, {@code mqtt://}, {@code ssl://} or {@code mqtts://}
     * @param clientId   the MQTT client id (the gateway id unless configured)
     * @param ackTimeout how long to wait for the collector's answer before sending again
     */
    public record Settings(
            URI url,
            String clientId,
            String siteId,
            String gatewayId,
            Credentials credentials,
            Duration ackTimeout,
            Duration reconnectInitial,
            Duration reconnectMax) {
        public Settings(
                URI url,
                String clientId,
                String siteId,
                String gatewayId,
                Credentials credentials,
                Duration ackTimeout) {
            this(
                    url,
                    clientId,
                    siteId,
                    gatewayId,
                    credentials,
                    ackTimeout,
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(2));
        }
    }

    private final Settings settings;
    private final ScheduledExecutorService scheduler;
    private final String topicPrefix;
    private final Map<String, CompletableFuture<SendOutcome>> pending = new ConcurrentHashMap<>();
    private final Backoff reconnectBackoff;
    private MqttAsyncClient client;
    private LinkListener listener;
    private volatile boolean connected;
    private volatile boolean closed;
    /** Publishes awaiting the broker's PUBACK on the current connection (a new counter per connection). */
    private volatile AtomicInteger unacknowledged = new AtomicInteger();
    /** How many of them the broker allows, less one for the retained status published on connect. */
    private volatile int brokerWindow = Integer.MAX_VALUE;

    public MqttUplink(Settings settings, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.topicPrefix = "dos/" + settings.siteId() + "/" + settings.gatewayId() + "/";
        this.reconnectBackoff = new Backoff(settings.reconnectInitial(), settings.reconnectMax(), new Random());
    }

    /** Paho speaks tcp:// and ssl://; the configuration may also say mqtt:// and mqtts://. */
    static String brokerUri(URI url) {
        String scheme = switch (url.getScheme()) {
            case "mqtt" -> "tcp";
            case "mqtts" -> "ssl";
            default -> url.getScheme();
        };
        int port = url.getPort() > 0 ? url.getPort() : scheme.equals("ssl") ? 8883 : 1883;
        return scheme + "://" + url.getHost() + ":" + port;
    }

    @Override
    public String name() {
        return "mqtt " + brokerUri(settings.url());
    }

    public String topic(MessageKind channel) {
        return topicPrefix + channel.topicLevel();
    }

    public String ackTopic() {
        return topicPrefix + "ack";
    }

    public String statusTopic() {
        return topicPrefix + "status";
    }

    @Override
    public synchronized void start(LinkListener linkListener) {
        this.listener = linkListener;
        try {
            client = new MqttAsyncClient(brokerUri(settings.url()), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException(
                    "cannot create an MQTT client for " + settings.url() + ": " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
        connect();
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setAutomaticReconnect(false);
        MqttMessage will = new MqttMessage("offline".getBytes(StandardCharsets.UTF_8), 1, true, null);
        o.setWill(statusTopic(), will);
        Optional<String> password = settings.credentials().mqttPassword();
        password.ifPresent(p -> {
            o.setUserName(settings.credentials().username().orElse(settings.gatewayId()));
            o.setPassword(p.getBytes(StandardCharsets.UTF_8));
        });
        if (password.isEmpty()) {
            settings.credentials().username().ifPresent(o::setUserName);
        }
        return o;
    }

    private synchronized void connect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    Integer receiveMaximum = token.getResponseProperties() == null
                            ? null
                            : token.getResponseProperties().getReceiveMaximum();
                    unacknowledged = new AtomicInteger();
                    brokerWindow = receiveMaximum == null ? Integer.MAX_VALUE : Math.max(1, receiveMaximum - 1);
                    scheduler.execute(MqttUplink.this::onConnected); // never block Paho's callback thread
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    log.warn(
                            "event=mqtt-connect-failed broker={} cause=\"{}\"",
                            brokerUri(settings.url()),
                            describe(failure));
                    scheduleReconnect();
                }
            });
        } catch (MqttException e) {
            log.warn("event=mqtt-connect-failed broker={} cause=\"{}\"", brokerUri(settings.url()), describe(e));
            scheduleReconnect();
        }
    }

    private void onConnected() {
        try {
            client.subscribe(ackTopic(), 1).waitForCompletion(10_000);
            client.publish(statusTopic(), "online".getBytes(StandardCharsets.UTF_8), 1, true);
        } catch (MqttException e) {
            log.warn(
                    "event=mqtt-connect-failed broker={} cause=\"subscribe to {} failed: {}\"",
                    brokerUri(settings.url()),
                    ackTopic(),
                    describe(e));
            dropConnection();
            return;
        }
        reconnectBackoff.reset();
        connected = true;
        log.info(
                "event=mqtt-connected broker={} client-id={} ack-topic={}",
                brokerUri(settings.url()),
                settings.clientId(),
                ackTopic());
        listener.connected(this);
    }

    private void dropConnection() {
        try {
            client.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            log.debug("forced disconnect after a failed subscribe: {}", describe(e));
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        Duration wait = reconnectBackoff.next();
        log.info("event=mqtt-reconnect-scheduled broker={} in-ms={}", brokerUri(settings.url()), wait.toMillis());
        scheduler.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void lost(String cause) {
        boolean was = connected;
        connected = false;
        failPending("connection lost: " + cause);
        if (was) {
            listener.disconnected(this, cause);
        }
        scheduleReconnect();
    }

    private void failPending(String why) {
        for (String key : pending.keySet()) {
            CompletableFuture<SendOutcome> f = pending.remove(key);
            if (f != null) {
                f.complete(SendOutcome.RetryLater.because(why));
            }
        }
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public CompletableFuture<SendOutcome> send(MessageKind channel, String identity, byte[] payload) {
        CompletableFuture<SendOutcome> answer = new CompletableFuture<>();
        if (!connected) {
            answer.complete(SendOutcome.RetryLater.because("not connected to " + brokerUri(settings.url())));
            return answer;
        }
        AtomicInteger window = unacknowledged;
        if (window.incrementAndGet() > brokerWindow) {
            window.decrementAndGet();
            answer.complete(SendOutcome.RetryLater.because(
                    "the broker's window of " + brokerWindow + " unacknowledged publishes is full"));
            return answer;
        }
        CompletableFuture<SendOutcome> previous = pending.put(identity, answer);
        if (previous != null) {
            previous.complete(SendOutcome.RetryLater.because("superseded by a re-send"));
        }
        MqttProperties properties = new MqttProperties();
        properties.setResponseTopic(ackTopic());
        properties.setCorrelationData(identity.getBytes(StandardCharsets.UTF_8));
        properties.setContentType("application/cbor");
        MqttMessage message = new MqttMessage(payload, 1, false, properties);
        try {
            client.publish(topic(channel), message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // PUBACK: the broker has it. Only the collector's answer releases the batch.
                    window.decrementAndGet();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    window.decrementAndGet();
                    complete(identity, answer, SendOutcome.RetryLater.because("publish failed: " + describe(failure)));
                }
            });
        } catch (MqttException e) {
            window.decrementAndGet();
            complete(identity, answer, SendOutcome.RetryLater.because("publish failed: " + describe(e)));
            return answer;
        }
        scheduler.schedule(
                () -> complete(
                        identity,
                        answer,
                        SendOutcome.RetryLater.because(
                                "no answer within " + settings.ackTimeout().toMillis() + " ms")),
                settings.ackTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        return answer;
    }

    private void complete(String identity, CompletableFuture<SendOutcome> answer, SendOutcome outcome) {
        pending.remove(identity, answer);
        answer.complete(outcome);
    }

    private void answerArrived(MqttMessage message) {
        MqttProperties p = message.getProperties();
        byte[] correlation = p == null ? null : p.getCorrelationData();
        if (correlation == null) {
            log.warn("event=mqtt-ack-ignored topic={} cause=\"no correlation data\"", ackTopic());
            return;
        }
        String identity = new String(correlation, StandardCharsets.UTF_8);
        CompletableFuture<SendOutcome> answer = pending.get(identity);
        if (answer == null) {
            log.debug("late answer for {} ignored (already answered, timed out or re-sent)", identity);
            return;
        }
        AckMessage ack;
        try {
            ack = AckMessage.parse(message.getPayload());
        } catch (IllegalArgumentException e) {
            log.warn("event=mqtt-ack-ignored identity={} cause=\"{}\"", identity, e.getMessage());
            return;
        }
        String expected = identity.substring(identity.indexOf('/') + 1);
        if (ack.bootId() != null && !expected.equals(ack.bootId() + "/" + ack.sequence())) {
            log.warn(
                    "event=mqtt-ack-ignored identity={} cause=\"answer names {}/{}\"",
                    identity,
                    ack.bootId(),
                    ack.sequence());
            return;
        }
        if (!ack.rejected().isEmpty() && ack.status().equals("stored")) {
            log.warn("event=readings-rejected identity={} rejected=\"{}\"", identity, ack.rejected());
        }
        complete(identity, answer, ack.outcome());
    }

    private static String describe(Throwable t) {
        return t == null
                ? "unknown"
                : t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** Announces {@code offline} (retained) and disconnects; pending sends complete with retry-later. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.publish(statusTopic(), "offline".getBytes(StandardCharsets.UTF_8), 1, true)
                        .waitForCompletion(2000);
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            log.warn("event=mqtt-disconnect-failed broker={} cause=\"{}\"", brokerUri(settings.url()), describe(e));
        } finally {
            connected = false;
            failPending("uplink closed");
            try {
                client.close(true);
            } catch (MqttException e) {
                log.debug("closing the MQTT client: {}", describe(e));
            }
            log.info("event=mqtt-disconnected broker={} cause=\"shutdown\"", brokerUri(settings.url()));
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            lost(
                    response.getReasonString() != null
                            ? response.getReasonString()
                            : "broker closed the connection (" + response.getReturnCode() + ")"
                                    + (response.getException() != null
                                            ? ": " + describe(response.getException())
                                            : ""));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("event=mqtt-error broker={} cause=\"{}\"", brokerUri(settings.url()), describe(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (topic.equals(ackTopic())) {
                answerArrived(message);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
