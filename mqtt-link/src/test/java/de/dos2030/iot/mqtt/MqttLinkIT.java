package de.dos2030.iot.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The link against the development Mosquitto (tcp://127.0.0.1:11883, see scripts/dev-services.sh):
 * a burst far past the broker's Receive Maximum over a dozen topics (so Mosquitto hands out topic
 * aliases) costs no connection, and every publish the link accepted arrives.
 */
class MqttLinkIT {
    static final String BROKER = "tcp://127.0.0.1:11883";

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final List<MqttLink> links = new ArrayList<>();

    MqttLink link(String name, MqttEvents events) throws Exception {
        MqttLink link = MqttLink.paho(BROKER, "mqtt-link-it-" + name + "-" + run);
        link.listen(events);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        link.connect(options).get(10, TimeUnit.SECONDS);
        links.add(link);
        return link;
    }

    @AfterEach
    void closeLinks() throws Exception {
        for (MqttLink link : links) {
            if (link.isConnected()) {
                link.disconnect(Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS);
            }
            link.close();
        }
    }

    @Test
    void aBurstPastTheBrokersWindowOnManyTopicsKeepsTheConnectionAndDeliversWhatWasAccepted() throws Exception {
        Set<String> received = ConcurrentHashMap.newKeySet();
        link("listener", new MqttEvents() {
                    @Override
                    public void messageArrived(String topic, MqttMessage message) {
                        received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                    }
                })
                .subscribe("it/mqtt-link/" + run + "/#", 1)
                .get(5, TimeUnit.SECONDS);
        List<String> lost = new CopyOnWriteArrayList<>();
        MqttLink publisher = link("publisher", new MqttEvents() {
            @Override
            public void lost(String cause) {
                lost.add(cause);
            }
        });

        List<CompletableFuture<Void>> sent = new ArrayList<>();
        int maxAwaiting = 0;
        for (int i = 0; i < 2000; i++) {
            String topic = "it/mqtt-link/" + run + "/t" + (i % 12);
            sent.add(publisher.publish(
                    topic, new MqttMessage(("m" + i).getBytes(StandardCharsets.UTF_8), 1, false, null)));
            maxAwaiting = Math.max(maxAwaiting, publisher.awaitingAck());
        }
        CompletableFuture.allOf(
                        sent.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                .get(20, TimeUnit.SECONDS);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            CompletableFuture<Void> f = sent.get(i);
            boolean refused = f.handle((ok, e) -> e != null).join();
            if (refused) {
                assertThat(f.handle((ok, e) -> e).join()).as("publish %d", i).isInstanceOf(WindowFullException.class);
            } else {
                accepted.add("m" + i);
            }
        }

        // the connection survives a first publish on a new topic, and the next one that uses its alias
        publisher
                .publish(
                        "it/mqtt-link/" + run + "/new",
                        new MqttMessage("n1".getBytes(StandardCharsets.UTF_8), 1, false, null))
                .get(5, TimeUnit.SECONDS);
        publisher
                .publish(
                        "it/mqtt-link/" + run + "/new",
                        new MqttMessage("n2".getBytes(StandardCharsets.UTF_8), 1, false, null))
                .get(5, TimeUnit.SECONDS);
        accepted.add("n1");
        accepted.add("n2");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!received.containsAll(accepted) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(lost).isEmpty();
        assertThat(publisher.isConnected()).isTrue();
        assertThat(maxAwaiting).isPositive().isLessThanOrEqualTo(65_535);
        assertThat(received).containsAll(accepted);
        assertThat(accepted.size()).isGreaterThan(12);
    }
}
