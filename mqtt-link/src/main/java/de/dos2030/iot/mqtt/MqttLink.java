package de.dos2030.iot.mqtt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * One MQTT v5 connection for the edge agent and the collector: Paho behind a small
 * {@link MqttTransport}, plus the two rules that keep Paho mqttv5 1.2.5 from costing us the
 * connection. Every MQTT adapter in the project publishes through this class.
 *
 * <h2>The in-flight window: why exactly the broker's Receive Maximum</h2>
 *
 * An MQTT v5 broker announces in its CONNACK how many QoS 1 and 2 publishes a client may have
 * unacknowledged: its Receive Maximum (20 on a default Mosquitto; 65,535 when the CONNACK does not
 * say). Paho 1.2.5 enforces it itself, but in the wrong order: {@code ClientState.send} first gives
 * the publish a topic alias (a new topic gets the next alias number whenever the broker allows
 * aliases, Mosquitto up to 10), and only then finds its window full and throws "Too many publishes
 * in progress" ({@code REASON_CODE_MAX_INFLIGHT}). The broker never saw that alias; the next
 * publish on the topic goes out with the alias alone, and the broker drops the connection for a
 * protocol error. Paho's count holds every QoS 1 or 2 publish from the moment it is handed over
 * until its PUBACK or PUBCOMP, and a QoS 0 publish only while Paho's single sender thread writes
 * it, so at most one. Hence the rule: a publish is handed to Paho only while the QoS 1 and 2
 * publishes awaiting their acknowledgement, plus one once this link has published at QoS 0, are
 * fewer than the broker's Receive Maximum. Past it {@link #publish} fails at once with
 * {@link WindowFullException} and Paho never sees the publish. Paho frees a slot before it calls
 * back, so counting until the callback never counts fewer than Paho does. Each connection starts
 * with an empty window sized by its own CONNACK.
 *
 * <h2>The alias rule: a resumed session publishes at QoS 0 only</h2>
 *
 * Topic aliases belong to one network connection, but Paho 1.2.5 keeps an unacknowledged QoS 1
 * or 2 publish as it was sent, with its alias and, for a topic aliased before, without its topic
 * name, and sends it again as it is when the session resumes on a new connection (clean start
 * off). The new connection does not know the alias, and the broker drops it again, on every
 * reconnect. So a link connected with clean start off refuses QoS 1 and 2 publishes
 * ({@link IllegalStateException}); a QoS 0 publish is never sent twice.
 *
 * <p>Both were found the hard way: the edge uplink lost its broker while draining a backlog over a
 * link with slow PUBACKs (edge-agent {@code MqttDeliveryIT} reproduces it through a relay that
 * delays every packet by 300 ms), and the collector's MQTT door, answering a burst of batches at
 * QoS 1 on a resumed session, lost the broker on every reconnect (collector {@code MqttIngestIT}).
 *
 * <p>Thread-safe. Events arrive on Paho's threads (see {@link MqttEvents}).
 */
public final class MqttLink implements AutoCloseable {
    private final MqttTransport transport;
    private volatile InFlightWindow window;
    private volatile boolean resumedSession;
    private volatile MqttEvents events = new MqttEvents() {};

    public MqttLink(MqttTransport transport) {
        this.transport = transport;
        transport.listen(new WindowKeeper());
    }

    /**
     * A link over Paho to {@code serverUri} ({@code tcp://host:port} or {@code ssl://host:port}),
     * keeping its session state in memory.
     *
     * @throws MqttException when Paho rejects the URI or the client id
     */
    public static MqttLink paho(String serverUri, String clientId) throws MqttException {
        return new MqttLink(new PahoTransport(serverUri, clientId));
    }

    /** Sets who hears about connections, losses and messages; call before {@link #connect}. */
    public void listen(MqttEvents listener) {
        this.events = listener;
    }

    /**
     * Connects with {@code options}; completes once the CONNACK arrived and the window is sized by
     * it, exceptionally when the broker refuses or cannot be reached.
     */
    public CompletableFuture<Void> connect(MqttConnectionOptions options) {
        boolean resumed = !options.isCleanStart();
        return transport.connect(options).thenAccept(ack -> {
            resumedSession = resumed;
            window = new InFlightWindow(ack.receiveMaximum(), usesQos0Slot());
        });
    }

    public CompletableFuture<Void> subscribe(String[] filters, int[] qos) {
        return transport.subscribe(filters, qos);
    }

    public CompletableFuture<Void> subscribe(String filter, int qos) {
        return subscribe(new String[] {filter}, new int[] {qos});
    }

    /**
     * Publishes within the broker's window (see the class comment). Completes at the PUBACK (QoS 1),
     * PUBCOMP (QoS 2) or once written (QoS 0). Fails with {@link WindowFullException} when the
     * window is full, with an {@link MqttException} when Paho refuses or the publish fails; never
     * throws.
     *
     * @throws IllegalStateException for a QoS 1 or 2 publish on a resumed session (the alias rule)
     */
    public CompletableFuture<Void> publish(String topic, MqttMessage message) {
        int qos = message.getQos();
        if (qos > 0 && resumedSession) {
            throw new IllegalStateException("QoS " + qos + " publish to '" + topic
                    + "' on a resumed session: Paho 1.2.5 would re-send it after a reconnect with a"
                    + " topic alias the new connection does not know; publish at QoS 0 or connect with clean start");
        }
        InFlightWindow current = window;
        if (current == null) {
            return CompletableFuture.failedFuture(
                    new MqttException(MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED));
        }
        if (!current.tryTake(qos)) {
            return CompletableFuture.failedFuture(new WindowFullException(current.receiveMaximum()));
        }
        CompletableFuture<Void> sent;
        try {
            sent = transport.publish(topic, message);
        } catch (MqttException | RuntimeException e) {
            current.release(qos);
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        sent.whenComplete((ok, failure) -> {
            current.release(qos); // first: Paho has freed its slot before it called back
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        });
        return done;
    }

    /** QoS 1 and 2 publishes of the current connection that await their acknowledgement. */
    public int awaitingAck() {
        InFlightWindow current = window;
        return current == null ? 0 : current.awaitingAck();
    }

    public boolean isConnected() {
        return transport.isConnected();
    }

    /** Sends DISCONNECT (the broker discards the last will) and completes when the socket is closed. */
    public CompletableFuture<Void> disconnect(Duration quiesce) {
        return transport.disconnect(quiesce);
    }

    /** Closes the socket without DISCONNECT, so the broker publishes the last will. */
    public void disconnectForcibly() throws MqttException {
        transport.disconnectForcibly();
    }

    /** Frees the client; the link is unusable afterwards. */
    @Override
    public void close() throws MqttException {
        transport.close();
    }

    private boolean usesQos0Slot() {
        InFlightWindow current = window;
        return current != null && current.usesQos0Slot();
    }

    /** Starts a new window when Paho reconnected by itself, then passes every event on. */
    private final class WindowKeeper implements MqttEvents {
        @Override
        public void connected(boolean reconnect) {
            InFlightWindow current = window;
            if (reconnect && current != null) {
                // Paho does not hand over the new CONNACK here: the broker's Receive Maximum is the last one seen.
                window = new InFlightWindow(current.receiveMaximum(), current.usesQos0Slot());
            }
            events.connected(reconnect);
        }

        @Override
        public void lost(String cause) {
            events.lost(cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            events.messageArrived(topic, message);
        }

        @Override
        public void error(String cause) {
            events.error(cause);
        }
    }
}
