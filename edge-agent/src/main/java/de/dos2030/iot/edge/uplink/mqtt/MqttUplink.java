package de.dos2030.iot.edge.uplink.mqtt;

import de.dos2030.iot.edge.uplink.AckMessage;
import de.dos2030.iot.edge.uplink.Backoff;
import de.dos2030.iot.edge.uplink.Credentials;
import de.dos2030.iot.edge.uplink.LinkListener;
import de.dos2030.iot.edge.uplink.MessageKind;
import de.dos2030.iot.edge.uplink.SendOutcome;
import de.dos2030.iot.edge.uplink.Uplink;
import de.dos2030.iot.mqtt.MqttEvents;
import de.dos2030.iot.mqtt.MqttLink;
import de.dos2030.iot.mqtt.PemTrust;
import de.dos2030.iot.mqtt.WindowFullException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
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
 * <p>Publishes through {@link MqttLink}, which keeps them within the broker's Receive Maximum (20
 * on Mosquitto; the reason is written there): past it a send answers "retry later" at once. The
 * dispatcher's backlog window (up to 64) passes 20. The retained status takes a slot like any
 * publish; should it find the window full at shutdown, the connection is dropped without
 * DISCONNECT, and the broker publishes the last will, the same {@code offline}.
 */
public final class MqttUplink implements Uplink {
    private static final Logger log = LoggerFactory.getLogger(MqttUplink.class);

    /**
     * @param url        {@code tcp://}, {@code mqtt://}, {@code ssl://} or {@code mqtts://}
     * @param clientId   the MQTT client id (the gateway id unless configured)
     * @param ackTimeout how long to wait for the collector's answer before sending again
     * @param caFile     for {@code ssl://}: the PEM file of the CA that signed the broker's certificate, the only
     *                   one trusted then; empty: the JVM's trust store
     */
    public record Settings(
            URI url,
            String clientId,
            String siteId,
            String gatewayId,
            Credentials credentials,
            Duration ackTimeout,
            Duration reconnectInitial,
            Duration reconnectMax,
            Optional<Path> caFile) {
        public Settings(
                URI url,
                String clientId,
                String siteId,
                String gatewayId,
                Credentials credentials,
                Duration ackTimeout,
                Duration reconnectInitial,
                Duration reconnectMax) {
            this(
                    url,
                    clientId,
                    siteId,
                    gatewayId,
                    credentials,
                    ackTimeout,
                    reconnectInitial,
                    reconnectMax,
                    Optional.empty());
        }

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
                    Duration.ofMinutes(2),
                    Optional.empty());
        }

        /** The same, trusting only the CA in {@code caFile} for TLS. */
        public Settings trusting(Optional<Path> caFile) {
            return new Settings(
                    url, clientId, siteId, gatewayId, credentials, ackTimeout, reconnectInitial, reconnectMax, caFile);
        }
    }

    private final Settings settings;
    private final ScheduledExecutorService scheduler;
    private final String topicPrefix;
    private final Map<String, CompletableFuture<SendOutcome>> pending = new ConcurrentHashMap<>();
    private final Backoff reconnectBackoff;
    private final Consumer<byte[]> desired;
    private MqttLink link;
    private LinkListener listener;
    private volatile boolean connected;
    private volatile boolean closed;

    public MqttUplink(Settings settings, ScheduledExecutorService scheduler) {
        this(settings, scheduler, null);
    }

    /**
     * @param desired hears each desired-state document on {@code dos/{site}/{gateway}/desired} (the retained one
     *                arrives at every connect); null: the topic is not subscribed
     */
    public MqttUplink(Settings settings, ScheduledExecutorService scheduler, Consumer<byte[]> desired) {
        this.desired = desired;
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

    public String desiredTopic() {
        return topicPrefix + "desired";
    }

    public String statusTopic() {
        return topicPrefix + "status";
    }

    @Override
    public synchronized void start(LinkListener linkListener) {
        this.listener = linkListener;
        try {
            link = MqttLink.paho(brokerUri(settings.url()), settings.clientId());
        } catch (MqttException e) {
            throw new IllegalArgumentException(
                    "cannot create an MQTT client for " + settings.url() + ": " + e.getMessage(), e);
        }
        link.listen(new Events());
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
        settings.caFile().ifPresent(ca -> o.setSocketFactory(PemTrust.socketFactory(ca)));
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
        link.connect(options()).whenComplete((ok, failure) -> {
            if (failure == null) {
                scheduler.execute(this::onConnected); // never block Paho's callback thread
            } else {
                log.warn(
                        "event=mqtt-connect-failed broker={} cause=\"{}\"",
                        brokerUri(settings.url()),
                        describe(unwrap(failure)));
                scheduleReconnect();
            }
        });
    }

    private void onConnected() {
        try {
            link.subscribe(ackTopic(), 1).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn(
                    "event=mqtt-connect-failed broker={} cause=\"subscribe to {} failed: {}\"",
                    brokerUri(settings.url()),
                    ackTopic(),
                    describe(unwrap(e)));
            dropConnection();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // The window is empty on a new connection, so the status always finds a slot.
        link.publish(statusTopic(), status("online")).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn(
                        "event=mqtt-status-failed broker={} cause=\"{}\"",
                        brokerUri(settings.url()),
                        describe(unwrap(failure)));
            }
        });
        subscribeDesired();
        reconnectBackoff.reset();
        connected = true;
        log.info(
                "event=mqtt-connected broker={} client-id={} ack-topic={}",
                brokerUri(settings.url()),
                settings.clientId(),
                ackTopic());
        listener.connected(this);
    }

    /** Clean sessions: subscribed again at every connect, when the broker sends the retained document again. */
    private void subscribeDesired() {
        if (desired == null) {
            return;
        }
        // A broker whose ACL does not grant the topic yet must not cost the gateway its uplink: logged only.
        link.subscribe(desiredTopic(), 1).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn(
                        "event=mqtt-desired-subscribe-failed topic={} cause=\"{}\"",
                        desiredTopic(),
                        describe(unwrap(failure)));
            }
        });
    }

    private void dropConnection() {
        try {
            link.disconnectForcibly();
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
        MqttProperties properties = new MqttProperties();
        properties.setResponseTopic(ackTopic());
        properties.setCorrelationData(identity.getBytes(StandardCharsets.UTF_8));
        properties.setContentType("application/cbor");
        MqttMessage message = new MqttMessage(payload, 1, false, properties);
        // Registered before the publish, so that no answer can arrive before its send is known.
        CompletableFuture<SendOutcome> previous = pending.put(identity, answer);
        CompletableFuture<Void> puback = link.publish(topic(channel), message);
        if (puback.isCompletedExceptionally() && unwrap(puback) instanceof WindowFullException full) {
            // Nothing went out: an earlier send of the same batch keeps waiting for its answer.
            if (previous == null) {
                pending.remove(identity, answer);
            } else {
                pending.replace(identity, answer, previous);
            }
            answer.complete(SendOutcome.RetryLater.because(full.getMessage()));
            return answer;
        }
        if (previous != null) {
            previous.complete(SendOutcome.RetryLater.because("superseded by a re-send"));
        }
        // A PUBACK only means the broker has it: only the collector's answer releases the batch.
        puback.whenComplete((ok, failure) -> {
            if (failure != null) {
                complete(
                        identity,
                        answer,
                        SendOutcome.RetryLater.because("publish failed: " + describe(unwrap(failure))));
            }
        });
        if (answer.isDone()) {
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

    private static MqttMessage status(String status) {
        return new MqttMessage(status.getBytes(StandardCharsets.UTF_8), 1, true, null);
    }

    /** The cause a future failed with. */
    private static Throwable unwrap(CompletableFuture<?> failed) {
        return failed.handle((ok, failure) -> unwrap(failure)).join();
    }

    private static Throwable unwrap(Throwable t) {
        return (t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
                ? t.getCause()
                : t;
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
        if (link == null) {
            return;
        }
        try {
            if (link.isConnected()) {
                announceOfflineAndDisconnect();
            }
        } catch (MqttException | ExecutionException | TimeoutException e) {
            log.warn(
                    "event=mqtt-disconnect-failed broker={} cause=\"{}\"",
                    brokerUri(settings.url()),
                    describe(unwrap(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connected = false;
            failPending("uplink closed");
            try {
                link.close();
            } catch (MqttException e) {
                log.debug("closing the MQTT client: {}", describe(e));
            }
            log.info("event=mqtt-disconnected broker={} cause=\"shutdown\"", brokerUri(settings.url()));
        }
    }

    /** {@code offline} (retained), then DISCONNECT; with the window full, a drop that makes the broker say it. */
    private void announceOfflineAndDisconnect()
            throws MqttException, ExecutionException, TimeoutException, InterruptedException {
        CompletableFuture<Void> offline = link.publish(statusTopic(), status("offline"));
        if (offline.isCompletedExceptionally() && unwrap(offline) instanceof WindowFullException) {
            link.disconnectForcibly(); // no DISCONNECT: the broker publishes the last will, offline (retained)
            return;
        }
        offline.get(2, TimeUnit.SECONDS);
        link.disconnect(Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS);
    }

    private final class Events implements MqttEvents {
        @Override
        public void lost(String cause) {
            MqttUplink.this.lost(cause);
        }

        @Override
        public void error(String cause) {
            log.warn("event=mqtt-error broker={} cause=\"{}\"", brokerUri(settings.url()), cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (topic.equals(ackTopic())) {
                answerArrived(message);
            } else if (desired != null && topic.equals(desiredTopic())) {
                // Off Paho's callback thread: the receiver may parse and queue, never block the connection.
                byte[] document = message.getPayload();
                scheduler.execute(() -> desired.accept(document));
            }
        }
    }
}
