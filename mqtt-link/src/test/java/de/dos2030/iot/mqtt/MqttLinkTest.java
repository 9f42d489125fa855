package de.dos2030.iot.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

/** The window and the alias rule of {@link MqttLink}, against a fake with Paho 1.2.5's order of checks. */
class MqttLinkTest {
    static final int MOSQUITTO_RECEIVE_MAXIMUM = 20;
    static final int MOSQUITTO_TOPIC_ALIASES = 10;

    final FakeTransport fake = new FakeTransport(MOSQUITTO_RECEIVE_MAXIMUM, MOSQUITTO_TOPIC_ALIASES);
    final MqttLink link = new MqttLink(fake);

    static MqttMessage message(int qos) {
        return new MqttMessage("x".getBytes(StandardCharsets.UTF_8), qos, false, null);
    }

    static MqttConnectionOptions cleanStart(boolean clean) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(clean);
        return o;
    }

    List<CompletableFuture<Void>> publish(int n, String topic, int qos) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(link.publish(topic, message(qos)));
        }
        return sent;
    }

    static long refusedForAFullWindow(List<CompletableFuture<Void>> sent) {
        return sent.stream()
                .filter(f -> f.isCompletedExceptionally()
                        && f.handle((ok, e) -> e instanceof WindowFullException).join())
                .count();
    }

    /** Proves the fake has the hazard the link guards against, so the tests below can fail. */
    @Test
    void theFakeLikePaho125PoisonsAnAliasWhenItsWindowIsFull() throws Exception {
        fake.connect(cleanStart(true)).join();
        for (int i = 0; i < MOSQUITTO_RECEIVE_MAXIMUM; i++) {
            fake.publish("dos/s/g/batch", message(1));
        }
        assertThatThrownBy(() -> fake.publish("dos/s/g/alert", message(1))).isInstanceOf(MqttException.class);
        fake.ack(1);
        fake.publish("dos/s/g/alert", message(1));

        assertThat(fake.protocolErrors).containsExactly("topic alias 2 unknown on connection 1");
        assertThat(fake.isConnected()).isFalse();
    }

    @Test
    void handsPahoNoMoreQos1PublishesThanTheBrokersReceiveMaximum() {
        link.connect(cleanStart(true)).join();

        List<CompletableFuture<Void>> sent = publish(25, "dos/s/g/batch", 1);

        assertThat(link.awaitingAck()).isEqualTo(MOSQUITTO_RECEIVE_MAXIMUM);
        assertThat(refusedForAFullWindow(sent)).isEqualTo(5);
        assertThat(fake.refusedByPaho()).isZero();
        assertThat(sent.get(24))
                .failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("the broker's window of 20 unacknowledged publishes is full");
    }

    @Test
    void aPublishOnANewTopicPastAFullWindowNeverCostsTheConnection() {
        link.connect(cleanStart(true)).join();
        publish(MOSQUITTO_RECEIVE_MAXIMUM, "dos/s/g/batch", 1);

        CompletableFuture<Void> refused = link.publish("dos/s/g/alert", message(1));
        fake.ack(1);
        CompletableFuture<Void> first = link.publish("dos/s/g/alert", message(1));
        fake.ack(1);
        CompletableFuture<Void> second = link.publish("dos/s/g/alert", message(1));

        assertThat(refused).isCompletedExceptionally();
        assertThat(first).isNotCompletedExceptionally();
        assertThat(second).isNotCompletedExceptionally();
        assertThat(fake.protocolErrors).isEmpty();
        assertThat(fake.isConnected()).isTrue();
        assertThat(fake.wire.subList(fake.wire.size() - 2, fake.wire.size()))
                .containsExactly(new FakeTransport.Packet("dos/s/g/alert", 2, 1), new FakeTransport.Packet(null, 2, 1));
    }

    @Test
    void anAcknowledgedOrFailedPublishFreesItsSlot() {
        link.connect(cleanStart(true)).join();
        List<CompletableFuture<Void>> sent = publish(MOSQUITTO_RECEIVE_MAXIMUM, "dos/s/g/batch", 1);

        fake.ack(2);
        MqttException lost = new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST);
        fake.failOldest(lost);

        assertThat(sent.get(2).handle((ok, e) -> e).join())
                .as("Paho's own exception")
                .isSameAs(lost);
        assertThat(link.awaitingAck()).isEqualTo(MOSQUITTO_RECEIVE_MAXIMUM - 3);
        assertThat(refusedForAFullWindow(publish(4, "dos/s/g/batch", 1))).isEqualTo(1);
    }

    @Test
    void aPublishPahoRefusesAtOnceFreesItsSlot() {
        link.connect(cleanStart(true)).join();
        fake.dropConnection("network");

        CompletableFuture<Void> refused = link.publish("dos/s/g/batch", message(1));

        assertThat(refused).isCompletedExceptionally();
        assertThat(link.awaitingAck()).isZero();
    }

    @Test
    void keepsOneSlotForTheQos0PublishPahoIsWritingOnceTheLinkPublishesAtQos0() {
        link.connect(cleanStart(true)).join();
        link.publish("dos/s/g/status", message(0));

        List<CompletableFuture<Void>> sent = publish(MOSQUITTO_RECEIVE_MAXIMUM, "dos/s/g/batch", 1);
        CompletableFuture<Void> qos0 = link.publish("dos/s/g/status", message(0));

        assertThat(refusedForAFullWindow(sent)).isEqualTo(1);
        assertThat(qos0).isCompletedExceptionally();
        fake.writeQos0();
        fake.ack(1);
        assertThat(link.publish("dos/s/g/status", message(0))).isNotCompletedExceptionally();
        assertThat(fake.refusedByPaho()).isZero();
    }

    @Test
    void aLinkThatPublishesOnlyAtQos0IsNeverRefusedWhileTheBrokerAllowsTwo() {
        link.connect(cleanStart(false)).join();

        List<CompletableFuture<Void>> answers = publish(500, "dos/s/g/ack", 0);

        assertThat(refusedForAFullWindow(answers)).isZero();
        assertThat(fake.refusedByPaho()).isZero();
    }

    @Test
    void eachConnectionStartsWithAnEmptyWindowSizedByItsOwnConnAck() {
        link.connect(cleanStart(true)).join();
        publish(MOSQUITTO_RECEIVE_MAXIMUM, "dos/s/g/batch", 1);
        fake.dropConnection("network");
        fake.receiveMaximum(5);

        link.connect(cleanStart(true)).join();
        fake.failPreviousConnections(); // late: must not free slots of the new connection
        List<CompletableFuture<Void>> sent = publish(7, "dos/s/g/batch", 1);

        assertThat(refusedForAFullWindow(sent)).isEqualTo(2);
        assertThat(link.awaitingAck()).isEqualTo(5);
        assertThat(fake.refusedByPaho()).isZero();
    }

    @Test
    void anAutomaticReconnectStartsAnEmptyWindowWithTheLastReceiveMaximum() {
        link.connect(cleanStart(true)).join();
        publish(MOSQUITTO_RECEIVE_MAXIMUM, "dos/s/g/batch", 1);

        fake.reconnectByItself();
        List<CompletableFuture<Void>> sent = publish(MOSQUITTO_RECEIVE_MAXIMUM + 1, "dos/s/g/batch", 1);

        assertThat(refusedForAFullWindow(sent)).isEqualTo(1);
        assertThat(fake.refusedByPaho()).isZero();
    }

    @Test
    void aResumedSessionRefusesQos1And2ButPublishesQos0() {
        link.connect(cleanStart(false)).join();

        assertThatThrownBy(() -> link.publish("dos/s/g/ack", message(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("resumed session");
        assertThatThrownBy(() -> link.publish("dos/s/g/ack", message(2))).isInstanceOf(IllegalStateException.class);
        assertThat(link.publish("dos/s/g/ack", message(0))).isNotCompletedExceptionally();
        assertThat(fake.wire).containsExactly(new FakeTransport.Packet("dos/s/g/ack", 1, 0));
    }

    @Test
    void refusesToPublishBeforeTheFirstConnAck() {
        assertThat(link.publish("dos/s/g/batch", message(1)))
                .failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(MqttException.class);
        assertThat(fake.wire).isEmpty();
    }

    @Test
    void passesEventsOnToItsListener() {
        List<String> heard = new ArrayList<>();
        link.listen(new MqttEvents() {
            @Override
            public void connected(boolean reconnect) {
                heard.add("connected " + reconnect);
            }

            @Override
            public void lost(String cause) {
                heard.add("lost " + cause);
            }
        });
        link.connect(cleanStart(true)).join();
        fake.dropConnection("network");
        fake.reconnectByItself();

        assertThat(heard).containsExactly("connected false", "lost network", "connected true");
    }
}
