package de.dos2030.iot.edge.uplink.mqtt;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.codec.BatchCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Plays the collector's MQTT side for tests: subscribes to every gateway's batch, alert and health
 * topics, decodes each batch, and answers on its response topic with the correlation data, as the
 * collector does once the batch is in InfluxDB. {@code policy} decides per batch and attempt.
 */
public final class CollectorResponder implements AutoCloseable {

    /** What to answer. */
    public sealed interface Answer {
        record Stored() implements Answer {}

        record Rejected(String path, String reason) implements Answer {}

        /** Say nothing: the gateway must re-send after its ack timeout. */
        record Silent() implements Answer {}
    }

    /** One received message. */
    public record Received(String topic, Batch batch, byte[] payload, long atNanos) {}

    private final MqttClient client;
    private final BiFunction<Batch, Integer, Answer> policy;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, Long> storedAt = new ConcurrentHashMap<>();
    private final ExecutorService answering = Executors.newSingleThreadExecutor();

    public CollectorResponder(String brokerUrl, BiFunction<Batch, Integer, Answer> policy) throws MqttException {
        this(brokerUrl, policy, null, null);
    }

    public CollectorResponder(String brokerUrl, BiFunction<Batch, Integer, Answer> policy, String user, String password)
            throws MqttException {
        this.policy = policy;
        client = new MqttClient(brokerUrl, "test-collector-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {}

            @Override
            public void mqttErrorOccurred(MqttException e) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                answering.execute(() -> handle(topic, message));
            }

            @Override
            public void deliveryComplete(IMqttToken t) {}

            @Override
            public void connectComplete(boolean reconnect, String uri) {
                if (reconnect) {
                    answering.execute(CollectorResponder.this::subscribe);
                }
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {}
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 1);
        o.setCleanStart(true);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(o);
        subscribe();
    }

    public static CollectorResponder storingEverything(String brokerUrl) throws MqttException {
        return new CollectorResponder(brokerUrl, (b, n) -> new Answer.Stored());
    }

    private void subscribe() {
        try {
            client.subscribe(new MqttSubscription[] {
                new MqttSubscription("dos/+/+/batch", 1),
                new MqttSubscription("dos/+/+/alert", 1),
                new MqttSubscription("dos/+/+/health", 1)
            });
        } catch (MqttException e) {
            throw new IllegalStateException("test responder cannot subscribe: " + e, e);
        }
    }

    private void handle(String topic, MqttMessage message) {
        Batch batch;
        try {
            batch = BatchCodec.cbor().decode(message.getPayload());
        } catch (Exception e) {
            throw new IllegalStateException("gateway sent a payload that is not a CBOR batch on " + topic, e);
        }
        received.add(new Received(topic, batch, message.getPayload(), System.nanoTime()));
        int attempt = attempts.computeIfAbsent(batch.identity(), k -> new AtomicInteger())
                .incrementAndGet();
        Answer answer = policy.apply(batch, attempt);
        if (answer instanceof Answer.Silent) {
            return;
        }
        MqttProperties in = message.getProperties();
        String json = answer instanceof Answer.Rejected r
                ? json("rejected", batch, 0, "[{\"path\":\"" + r.path() + "\",\"reason\":\"" + r.reason() + "\"}]")
                : json("stored", batch, batch.readings().size(), "[]");
        if (answer instanceof Answer.Stored) {
            storedAt.putIfAbsent(batch.identity(), System.nanoTime());
        }
        MqttProperties out = new MqttProperties();
        out.setCorrelationData(in.getCorrelationData());
        try {
            client.publish(
                    in.getResponseTopic(), new MqttMessage(json.getBytes(StandardCharsets.UTF_8), 1, false, out));
        } catch (MqttException e) {
            // The broker went away under us: the gateway times out and re-sends, as with a real collector.
        }
    }

    private static String json(String status, Batch b, int stored, String rejected) {
        return "{\"status\":\"" + status + "\",\"gatewayId\":\"" + b.gatewayId() + "\",\"bootId\":\"" + b.bootId()
                + "\",\"sequence\":" + b.sequence() + ",\"stored\":" + stored + ",\"rejected\":" + rejected + "}";
    }

    public List<Received> received() {
        return received;
    }

    /** When the first "stored" answer for each identity went out (System.nanoTime). */
    public Map<String, Long> storedAt() {
        return storedAt;
    }

    public int attempts(String identity) {
        AtomicInteger n = attempts.get(identity);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() throws MqttException {
        answering.shutdownNow();
        try {
            client.disconnect();
        } catch (MqttException e) {
            // already gone with a killed broker
        }
        client.close(true);
    }
}
