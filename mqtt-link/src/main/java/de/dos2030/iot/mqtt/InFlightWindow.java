package de.dos2030.iot.mqtt;

/**
 * Counts, for one connection, what Paho counts against the broker's Receive Maximum, so that
 * {@link MqttLink} never hands Paho a publish it would refuse (the rule and its reason are in
 * {@link MqttLink}). Thread-safe.
 */
final class InFlightWindow {
    private final int receiveMaximum;
    /** QoS 1 and 2 publishes handed to Paho and not yet acknowledged (or failed). */
    private int awaitingAck;
    /** Whether this link publishes at QoS 0: then one slot belongs to the QoS 0 publish Paho is writing. */
    private boolean qos0Slot;

    InFlightWindow(int receiveMaximum, boolean qos0Slot) {
        this.receiveMaximum = receiveMaximum;
        this.qos0Slot = qos0Slot;
    }

    int receiveMaximum() {
        return receiveMaximum;
    }

    synchronized boolean usesQos0Slot() {
        return qos0Slot;
    }

    /** Takes a slot for a publish at {@code qos}, or answers false when Paho could refuse it. */
    synchronized boolean tryTake(int qos) {
        if (qos == 0) {
            qos0Slot = true;
        }
        if (awaitingAck + (qos0Slot ? 1 : 0) >= receiveMaximum) {
            return false;
        }
        if (qos > 0) {
            awaitingAck++;
        }
        return true;
    }

    /** Gives back the slot of a publish at {@code qos} that Paho is done with. */
    synchronized void release(int qos) {
        if (qos > 0) {
            awaitingAck--;
        }
    }

    synchronized int awaitingAck() {
        return awaitingAck;
    }
}
