package de.dos2030.iot.collector.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import io.micronaut.json.JsonMapper;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SSE, MQTT (dev Mosquitto) and e-mail (GreenMail SMTP) hear the same raise and clear. */
class ChannelsIT {
    static TestCollector collector;
    static GreenMail smtp;
    static JsonMapper json;
    static String engineer;
    static String viewer;
    static String gatewayToken;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        collector = new TestCollector(Map.of(
                "collector.alerts.mqtt.url",
                "tcp://127.0.0.1:11883",
                "collector.alerts.smtp.host",
                "127.0.0.1",
                "collector.alerts.smtp.port",
                smtp.getSmtp().getPort(),
                "collector.alerts.smtp.from",
                "dos@collector.test"));
        json = collector.context.getBean(JsonMapper.class);
        engineer = collector.apiToken("eng-ch", Role.ENGINEER);
        viewer = collector.apiToken("view-ch", Role.VIEWER);
        gatewayToken = collector.register("ch-gw", "ch-school", SiteKind.SCHOOL).token();
    }

    @AfterAll
    static void stop() {
        collector.close();
        smtp.stop();
    }

    /** Reads an SSE stream on a thread of its own; keeps the data of each non-heartbeat event. */
    static final class SseClient implements AutoCloseable {
        final List<AlertNotification> events = new CopyOnWriteArrayList<>();
        final List<String> ids = new CopyOnWriteArrayList<>();
        private final Thread reader;
        private volatile InputStream body;
        volatile boolean open;

        SseClient(String path, String token) {
            reader = new Thread(
                    () -> {
                        try {
                            HttpResponse<InputStream> r = HttpClient.newHttpClient()
                                    .send(
                                            HttpRequest.newBuilder(URI.create(collector.url(path)))
                                                    .header("Authorization", "Bearer " + token)
                                                    .header("Accept", "text/event-stream")
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofInputStream());
                            body = r.body();
                            open = r.statusCode() == 200;
                            BufferedReader lines =
                                    new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                            String name = null;
                            String line;
                            while ((line = lines.readLine()) != null) {
                                if (line.startsWith("event:")) {
                                    name = line.substring(6).trim();
                                } else if (line.startsWith("id:")) {
                                    ids.add(line.substring(3).trim());
                                } else if (line.startsWith("data:") && !"heartbeat".equals(name)) {
                                    events.add(json.readValue(line.substring(5).trim(), AlertNotification.class));
                                }
                            }
                        } catch (Exception e) {
                            // closed by the test
                        }
                    },
                    "sse-client");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public void close() throws Exception {
            if (body != null) {
                body.close();
            }
            reader.interrupt();
        }
    }

    @Test
    void sseClientMqttSubscriberAndEmailHearTheSameRaiseAndClear() throws Exception {
        HttpResponse<String> mqttSub = collector.send(
                "POST",
                "/api/v1/subscriptions",
                engineer,
                "{\"channel\":\"mqtt\",\"filter\":{\"siteId\":\"ch-school\"}}");
        assertThat(mqttSub.statusCode()).as(mqttSub.body()).isEqualTo(201);
        assertThat(mqttSub.body()).contains("\"target\":\"dos/alerts\"");
        HttpResponse<String> mailSub = collector.send(
                "POST",
                "/api/v1/subscriptions",
                engineer,
                "{\"channel\":\"email\",\"target\":\"caretaker@school.test\",\"filter\":{\"siteKind\":\"school\",\"quantity\":\"co2\"}}");
        assertThat(mailSub.statusCode()).as(mailSub.body()).isEqualTo(201);
        assertThat(collector
                        .send(
                                "POST",
                                "/api/v1/subscriptions",
                                engineer,
                                "{\"channel\":\"email\",\"target\":\"not-an-address\"}")
                        .statusCode())
                .isEqualTo(400);

        List<AlertNotification> mqtt = new CopyOnWriteArrayList<>();
        List<String> topics = new CopyOnWriteArrayList<>();
        MqttClient listener =
                new MqttClient("tcp://127.0.0.1:11883", "ch-it-" + UUID.randomUUID(), new MemoryPersistence());
        listener.connect(new MqttConnectionOptions());
        // (Paho 1.2.5's subscribe(String, int, listener) recurses into itself: use the array form.)
        listener.subscribe(
                new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription("dos/alerts/ch-school/#", 1)
                },
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                    (topic, message) -> {
                        topics.add(topic);
                        mqtt.add(json.readValue(message.getPayload(), AlertNotification.class));
                    }
                });
        try (SseClient sse = new SseClient("/api/v1/alerts/stream?siteId=ch-school&minSeverity=warning", viewer);
                SseClient other = new SseClient("/api/v1/alerts/stream?siteId=elsewhere", viewer)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> sse.open && other.open);
            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
            post(0, TestBatches.co2Alert("ch-1", Severity.CRITICAL, AlertState.RAISED, 2150, 2000, t));
            post(1, TestBatches.co2Alert("ch-1", Severity.CRITICAL, AlertState.CLEARED, 950, 2000, t.plusSeconds(40)));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> sse.events.size() == 2 && mqtt.size() == 2 && smtp.getReceivedMessages().length == 2);
            assertThat(sse.events).extracting(AlertNotification::kind).containsExactly("raised", "cleared");
            assertThat(mqtt).containsExactlyElementsOf(sse.events);
            assertThat(sse.ids)
                    .containsExactly(
                            Long.toString(sse.events.get(0).eventId()),
                            Long.toString(sse.events.get(1).eventId()));
            assertThat(topics).containsOnly("dos/alerts/ch-school/critical");
            assertThat(other.events).isEmpty();

            MimeMessage raised = smtp.getReceivedMessages()[0];
            assertThat(raised.getAllRecipients()[0].toString()).isEqualTo("caretaker@school.test");
            // German, the default language; no place reported: the site's and the sensor's ids stand in
            assertThat(raised.getSubject())
                    .isEqualTo("[Kritisch] Bitte jetzt lüften: CO2 2.150 ppm in room-1.co2, ch-school");
            String text = (String) raised.getContent();
            assertThat(text)
                    .contains("Ort: room-1.co2, ch-school")
                    .contains("Wert: 2.150 ppm")
                    .contains("Grenzwert: 2.000 ppm")
                    .contains("Kennungen: Gateway ch-gw, Sensor room-1.co2, Regel co2-high");
            assertThat(smtp.getReceivedMessages()[1].getSubject()).startsWith("Luft wieder gut: CO2 950 ppm");

        } finally {
            listener.disconnect();
            listener.close();
        }
    }

    @Test
    void sseClientResumingWithLastEventIdGetsWhatItMissed() throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        post(10, TestBatches.co2Alert("ch-2", Severity.WARNING, AlertState.RAISED, 1500, 1400, t));
        Alert a = json.readValue(
                collector.send("GET", "/api/v1/alerts/ch-gw/ch-2", viewer, null).body(), Alert.class);
        long before = a.events().get(0).eventId() - 1;
        post(11, TestBatches.co2Alert("ch-2", Severity.WARNING, AlertState.CLEARED, 1200, 1400, t.plusSeconds(5)));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> collector.context.getBean(AlertStore.class).lastEventId() >= before + 2);

        HttpResponse<InputStream> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(collector.url("/api/v1/alerts/stream?gatewayId=ch-gw")))
                                .header("Authorization", "Bearer " + viewer)
                                .header("Last-Event-ID", Long.toString(before))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        List<String> data = new CopyOnWriteArrayList<>();
        Thread t2 = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:") && line.contains("ch-2")) {
                        data.add(line);
                    }
                }
            } catch (Exception ignored) {
                // closed
            }
        });
        t2.setDaemon(true);
        t2.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> data.size() == 2);
        assertThat(data.get(0)).contains("\"kind\":\"raised\"");
        assertThat(data.get(1)).contains("\"kind\":\"cleared\"");
        r.body().close();
    }

    private static void post(long seq, de.dos2030.iot.model.AlertEvent e) throws Exception {
        HttpResponse<String> r = collector.postBatch(
                BatchCodec.json().encode(TestBatches.alerts("ch-gw", "ch-school", "boot-ch", seq, e)),
                "application/json",
                gatewayToken);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
