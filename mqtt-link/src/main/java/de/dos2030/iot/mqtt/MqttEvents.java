package de.dos2030.iot.mqtt;

import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * What a connection reports, on Paho's threads: keep each method short and hand real work to an
 * executor of your own. Every method has an empty default, so an adapter implements only what it
 * listens to.
 */
public interface MqttEvents {
    /**
     * A connection is up: after {@link MqttLink#connect}, or after Paho reconnected by itself
     * ({@code reconnect}, only with automatic reconnect on).
     */
    default void connected(boolean reconnect) {}

    /** The connection is gone; {@code cause} says why in words (the broker's reason, or the I/O error). */
    default void lost(String cause) {}

    /** A message arrived on a subscribed topic. */
    default void messageArrived(String topic, MqttMessage message) {}

    /** Paho reported a protocol error that did not cost the connection. */
    default void error(String cause) {}
}
