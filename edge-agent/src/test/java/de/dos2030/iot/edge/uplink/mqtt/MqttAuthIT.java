package de.dos2030.iot.edge.uplink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.dos2030.iot.config.model.EvictionPolicy;
import de.dos2030.iot.config.model.SyncPolicy;
import de.dos2030.iot.edge.outbox.BatchOrigin;
import de.dos2030.iot.edge.outbox.EntryKind;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxFixtures;
import de.dos2030.iot.edge.outbox.OutboxSettings;
import de.dos2030.iot.edge.uplink.Credentials;
import de.dos2030.iot.edge.uplink.Dispatcher;
import de.dos2030.iot.edge.uplink.Poll;
import de.dos2030.iot.model.ClockSync;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Username and password from the credentials file against a Mosquitto that refuses anonymous clients. */
class MqttAuthIT {
    @TempDir
    Path tmp;

    MosquittoProcess broker;
    CollectorResponder responder;
    final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    final ScheduledExecutorService dispatch = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() throws Exception {
        assumeTrue(MosquittoProcess.available(), "Debian's mosquitto is not installed");
        broker = new MosquittoProcess(tmp.resolve("broker"))
                .requirePassword("gw-3", "gw-3-secret")
                .start();
        responder = new CollectorResponder(
                broker.url(),
                (b, n) -> new CollectorResponder.Answer.Stored(),
                MosquittoProcess.RESPONDER_USER,
                MosquittoProcess.RESPONDER_PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        timers.shutdownNow();
        dispatch.shutdownNow();
        responder.close();
        broker.close();
    }

    MqttUplink uplink(String password) throws Exception {
        Path file = tmp.resolve("gw-3-" + password + ".properties");
        Files.writeString(file, "username=gw-3\npassword=" + password + "\n");
        return new MqttUplink(
                new MqttUplink.Settings(
                        URI.create(broker.url().replace("tcp:", "mqtt:")),
                        "gw-3",
                        "site-3",
                        "gw-3",
                        Credentials.load(file),
                        Duration.ofSeconds(5),
                        Duration.ofMillis(100),
                        Duration.ofMillis(300)),
                timers);
    }

    @Test
    void connectsWithTheCredentialsFileAndDelivers() throws Exception {
        try (Outbox outbox = Outbox.open(
                        new OutboxSettings(
                                tmp.resolve("outbox"),
                                4 * 1024 * 1024,
                                256 * 1024,
                                SyncPolicy.EVERY_BATCH,
                                Duration.ofSeconds(1),
                                EvictionPolicy.OLDEST_FIRST),
                        new BatchOrigin("gw-3", "site-3", "boot-1"),
                        Clock.systemUTC());
                MqttUplink uplink = uplink("gw-3-secret")) {
            Dispatcher dispatcher =
                    new Dispatcher(outbox, uplink, Clock.systemUTC(), dispatch, Dispatcher.Settings.defaults());
            dispatcher.start();
            outbox.append(
                    EntryKind.SAMPLES,
                    OutboxFixtures.samples(5, Instant.now().minusSeconds(5)),
                    List.of(),
                    null,
                    ClockSync.SYNCED);
            Poll.until(Duration.ofSeconds(15), () -> outbox.stats().depth() == 0, () -> "outbox " + outbox.stats());
            assertThat(responder.storedAt()).containsKey("gw-3/boot-1/0");
            dispatcher.close();
        }
    }

    @Test
    void staysDisconnectedWithAWrongPasswordAndKeepsRetrying() throws Exception {
        try (MqttUplink uplink = uplink("wrong")) {
            uplink.start(new de.dos2030.iot.edge.uplink.LinkListener() {
                @Override
                public void connected(de.dos2030.iot.edge.uplink.Uplink u) {}

                @Override
                public void disconnected(de.dos2030.iot.edge.uplink.Uplink u, String cause) {}
            });
            Thread.sleep(1500);
            assertThat(uplink.connected()).isFalse();
        }
    }
}
