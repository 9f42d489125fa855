package de.dos2030.iot.mqtt;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A Paho 1.2.5 client and a Mosquitto broker in one, as far as the window and topic aliases go:
 * a publish first gets its topic alias and only then meets the in-flight check (Paho's order, see
 * {@link MqttLink}), and the broker drops the connection when a publish names an alias it never
 * saw. The test decides when the broker acknowledges (PUBACK) and when a QoS 0 publish is written.
 */
final class FakeTransport implements MqttTransport {
    /** One PUBLISH packet as it went on the wire: the topic is null when the alias stands for it. */
    record Packet(String topic, Integer alias, int qos) {}

    private final int topicAliasMaximum;
    private int receiveMaximum;
    private MqttEvents events = new MqttEvents() {};
    private boolean connected;
    private int connection;

    // Paho's side: outgoing aliases and its count of publishes in flight (ClientState.actualInFlight).
    private final Map<String, Integer> aliases = new HashMap<>();
    private final Deque<CompletableFuture<Void>> awaitingAck = new ArrayDeque<>();
    private final Deque<CompletableFuture<Void>> unwrittenQos0 = new ArrayDeque<>();
    private final List<CompletableFuture<Void>> previousConnections = new ArrayList<>();
    private int refusedByPaho;

    // The broker's side: the aliases it learnt on this connection, and what it got.
    private final Set<Integer> brokerAliases = new HashSet<>();
    final List<Packet> wire = new ArrayList<>();
    final List<String> protocolErrors = new ArrayList<>();

    FakeTransport(int receiveMaximum, int topicAliasMaximum) {
        this.receiveMaximum = receiveMaximum;
        this.topicAliasMaximum = topicAliasMaximum;
    }

    /** The broker's Receive Maximum from the next CONNACK on. */
    void receiveMaximum(int value) {
        receiveMaximum = value;
    }

    @Override
    public void listen(MqttEvents listener) {
        events = listener;
    }

    @Override
    public synchronized CompletableFuture<ConnAck> connect(MqttConnectionOptions options) {
        startConnection();
        CompletableFuture<ConnAck> ack = CompletableFuture.completedFuture(new ConnAck(receiveMaximum));
        events.connected(false);
        return ack;
    }

    /** Paho's automatic reconnect: a new connection that hands no CONNACK to the caller. */
    void reconnectByItself() {
        synchronized (this) {
            startConnection();
        }
        events.connected(true);
    }

    private void startConnection() {
        connected = true;
        connection++;
        aliases.clear();
        brokerAliases.clear();
        // Paho starts counting afresh; the old connection's publishes are settled later, if ever.
        previousConnections.addAll(awaitingAck);
        previousConnections.addAll(unwrittenQos0);
        awaitingAck.clear();
        unwrittenQos0.clear();
    }

    /** The network drops the connection; what was in flight never gets its PUBACK on it. */
    void dropConnection(String cause) {
        synchronized (this) {
            connected = false;
        }
        events.lost(cause);
    }

    @Override
    public CompletableFuture<Void> subscribe(String[] filters, int[] qos) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> publish(String topic, MqttMessage message) throws MqttException {
        if (!connected) {
            throw new MqttException(MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED);
        }
        // Paho 1.2.5, ClientState.send: the alias first ...
        Integer alias = aliases.get(topic);
        String topicOnWire = topic;
        if (alias != null) {
            topicOnWire = null;
        } else if (aliases.size() < topicAliasMaximum) {
            alias = aliases.size() + 1;
            aliases.put(topic, alias);
        }
        // ... then the window.
        if (pahoInFlight() >= receiveMaximum) {
            refusedByPaho++;
            throw new MqttException(MqttClientException.REASON_CODE_MAX_INFLIGHT);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        (message.getQos() == 0 ? unwrittenQos0 : awaitingAck).addLast(done);
        arrives(new Packet(topicOnWire, alias, message.getQos()));
        return done;
    }

    /** What the broker does with a PUBLISH: learn its alias, or drop the connection for an unknown one. */
    private void arrives(Packet packet) {
        if (packet.topic() == null && !brokerAliases.contains(packet.alias())) {
            protocolErrors.add("topic alias " + packet.alias() + " unknown on connection " + connection);
            connected = false;
            events.lost("protocol error");
            return;
        }
        if (packet.alias() != null) {
            brokerAliases.add(packet.alias());
        }
        wire.add(packet);
    }

    /** Paho's single sender thread writes at most one QoS 0 publish at a time, and counts it meanwhile. */
    private int pahoInFlight() {
        return awaitingAck.size() + (unwrittenQos0.isEmpty() ? 0 : 1);
    }

    /** The broker acknowledges the {@code n} oldest QoS 1 publishes. */
    void ack(int n) {
        List<CompletableFuture<Void>> acked = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < n; i++) {
                acked.add(awaitingAck.removeFirst());
            }
        }
        acked.forEach(f -> f.complete(null)); // Paho frees the slot before it calls back
    }

    /** Paho's sender writes the oldest QoS 0 publish. */
    void writeQos0() {
        CompletableFuture<Void> written;
        synchronized (this) {
            written = unwrittenQos0.removeFirst();
        }
        written.complete(null);
    }

    /** The oldest QoS 1 publish fails (Paho gave up on it). */
    void failOldest(Throwable why) {
        CompletableFuture<Void> failed;
        synchronized (this) {
            failed = awaitingAck.removeFirst();
        }
        failed.completeExceptionally(why);
    }

    /** Paho fails the publishes that were in flight on earlier connections (late, on its callback thread). */
    void failPreviousConnections() {
        List<CompletableFuture<Void>> late;
        synchronized (this) {
            late = new ArrayList<>(previousConnections);
            previousConnections.clear();
        }
        late.forEach(f -> f.completeExceptionally(new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST)));
    }

    synchronized int refusedByPaho() {
        return refusedByPaho;
    }

    @Override
    public synchronized boolean isConnected() {
        return connected;
    }

    @Override
    public CompletableFuture<Void> disconnect(Duration quiesce) {
        synchronized (this) {
            connected = false;
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized void disconnectForcibly() {
        connected = false;
    }

    @Override
    public synchronized void close() {
        connected = false;
    }
}
