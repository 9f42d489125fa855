package de.dos2030.iot.mqtt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The calls {@link MqttLink} makes on an MQTT v5 client: {@link PahoTransport} is the real one,
 * unit tests swap in a fake. Implementations take no decision of their own: the in-flight window
 * and the topic-alias rule live in {@link MqttLink}.
 */
public interface MqttTransport {

    /** What {@link #connect} learnt from the broker's CONNACK. */
    record ConnAck(int receiveMaximum) {
        /** MQTT v5, 3.2.2.3.3: a CONNACK without Receive Maximum means 65,535. */
        public static final int RECEIVE_MAXIMUM_DEFAULT = 65_535;
    }

    /** Sets who hears about connections, losses and messages; call before {@link #connect}. */
    void listen(MqttEvents events);

    /** Completes with the CONNACK, or exceptionally when the broker refuses or cannot be reached. */
    CompletableFuture<ConnAck> connect(MqttConnectionOptions options);

    /** Completes when the broker answered the SUBSCRIBE. */
    CompletableFuture<Void> subscribe(String[] filters, int[] qos);

    /**
     * Hands one publish to the client. The future completes when the client is done with it: at the
     * PUBACK (QoS 1), PUBCOMP (QoS 2), or once written to the socket (QoS 0); exceptionally when it
     * fails later.
     *
     * @throws MqttException when the client refuses the publish at once (not connected, window full)
     */
    CompletableFuture<Void> publish(String topic, MqttMessage message) throws MqttException;

    boolean isConnected();

    /** Sends DISCONNECT (so the broker discards the last will) and completes when the socket is closed. */
    CompletableFuture<Void> disconnect(Duration quiesce);

    /** Closes the socket without DISCONNECT: the broker publishes the last will. */
    void disconnectForcibly() throws MqttException;

    /** Frees the client's resources; the transport is unusable afterwards. */
    void close() throws MqttException;
}
