package de.dos2030.iot.collector.ingest.mqtt;

import io.micrometer.core.instrument.Counter;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes the door's QoS 1 answers within the broker's in-flight window. An MQTT v5 broker
 * announces how many unacknowledged QoS 1 messages a client may have (Receive Maximum: 20 on a
 * default Mosquitto); past it Paho refuses the publish. Refused answers wait here, oldest first,
 * and go out as the broker acknowledges earlier ones ({@link #drain}, called on every delivery
 * and on a short tick). Without this wait, a burst of more than 20 stored batches lost answers,
 * and each such gateway stalled for its whole re-send timeout.
 *
 * <p>At most {@code capacity} answers wait; beyond that (or when the client is disconnected) an
 * answer is dropped and counted: the gateway re-sends and the re-send is stored idempotently.
 * Thread-safe.
 */
final class AnswerPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerPublisher.class);

    private final MqttAsyncClient client;
    private final int capacity;
    private final Counter dropped;
    private final ConcurrentLinkedDeque<Answer> waiting = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    AnswerPublisher(MqttAsyncClient client, int capacity, Counter dropped) {
        this.client = client;
        this.capacity = capacity;
        this.dropped = dropped;
    }

    /** Sends now if the window has room, else queues behind the answers already waiting. */
    void publish(String topic, MqttMessage message) {
        if (size.get() == 0 && trySend(new Answer(topic, message))) {
            return;
        }
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            dropped.increment();
            LOG.warn("MQTT door drops its answer on '{}': {} answers already wait for the broker", topic, capacity);
            return;
        }
        waiting.addLast(new Answer(topic, message));
        drain();
    }

    /** Sends waiting answers until the broker's window is full again. */
    void drain() {
        Answer next;
        while ((next = waiting.pollFirst()) != null) {
            if (!trySend(next)) {
                waiting.addFirst(next);
                return;
            }
            size.decrementAndGet();
        }
    }

    /** False only when the window is full; any other failure drops the answer (the gateway re-sends). */
    private boolean trySend(Answer answer) {
        try {
            client.publish(answer.topic, answer.message);
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                return false;
            }
            dropped.increment();
            LOG.warn("MQTT door could not answer on '{}': {}", answer.topic, e.getMessage());
            return true;
        }
    }

    private record Answer(String topic, MqttMessage message) {
    }
}
