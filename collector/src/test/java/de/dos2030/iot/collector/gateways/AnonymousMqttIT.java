package de.dos2030.iot.collector.gateways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, finding 4: on the dev services an anonymous client published on another gateway's
 * topic and the collector stored the batch as that gateway's; anonymous clients also read every
 * batch and ack. The anonymous broker is now a process of its own: nothing crosses to the
 * password+ACL broker where the collector and the gateways meet.
 */
class AnonymousMqttIT {

    @Test
    void anAnonymousPublishOnAGatewaysTopicIsNotStoredNorCanAnonymousClientsReadTheGatewaysTraffic() throws Exception {
        try (PrivateBroker broker = new PrivateBroker();
                TestCollector collector =
                        new TestCollector(broker.collectorProperties("anon-it-" + UUID.randomUUID()));
                TestInflux influx = new TestInflux(TestInflux.DEV_URL, collector.database)) {
            String token = collector
                    .register("anon-victim", "anon-site", SiteKind.SCHOOL)
                    .token();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> collector
                            .get("/health", TestCollector.ADMIN_TOKEN)
                            .body()
                            .contains("\"connected\":true"));
            String base = "dos/anon-site/anon-victim/";

            MqttClient eavesdropper = client(broker.anonymousPort, null, null);
            List<String> overheard = new CopyOnWriteArrayList<>();
            eavesdropper.subscribe(
                    new MqttSubscription[] {new MqttSubscription("dos/#", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> overheard.add(t)});
            MqttClient anonymous = client(broker.anonymousPort, null, null);
            anonymous.publish(base + "batch", batch(0, base));

            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> stored(influx) == 0);

            MqttClient gateway = client(broker.authPort, "anon-victim", token);
            gateway.publish(base + "batch", batch(1, base));
            await().atMost(Duration.ofSeconds(10)).until(() -> stored(influx) > 0); // the door works
            long own = 5; // a 5 s school batch: one CO2 reading a second
            await().atMost(Duration.ofSeconds(5)).until(() -> stored(influx) == own);
            assertThat(stored(influx)).as("only the gateway's own batch").isEqualTo(own);
            assertThat(overheard)
                    .as("anonymous clients see only their own publishes, never a gateway's batch or ack")
                    .containsOnly(base + "batch");
            for (MqttClient c : List.of(eavesdropper, anonymous, gateway)) {
                c.disconnect();
                c.close();
            }
        }
    }

    private static MqttMessage batch(long sequence, String base) {
        MqttProperties props = new MqttProperties();
        props.setResponseTopic(base + "ack");
        props.setCorrelationData(("anon-" + sequence).getBytes(StandardCharsets.UTF_8));
        props.setContentType("application/cbor");
        byte[] body =
                BatchCodec.cbor().encode(TestBatches.school("anon-victim", "anon-site", "boot-anon", sequence, 5));
        return new MqttMessage(body, 1, false, props);
    }

    /** CO2 readings stored as the victim gateway's. */
    private static long stored(TestInflux influx) {
        return influx.count("SELECT count(value) FROM bridge_raw.co2,school_raw.co2 WHERE gateway='anon-victim'");
    }

    private static MqttClient client(int port, String user, String password) throws Exception {
        MqttClient c =
                new MqttClient("tcp://127.0.0.1:" + port, "anon-it-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        c.connect(options);
        return c;
    }
}
