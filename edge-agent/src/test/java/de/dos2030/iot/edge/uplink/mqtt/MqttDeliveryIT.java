package de.dos2030.iot.edge.uplink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.dos2030.iot.config.model.EvictionPolicy;
import de.dos2030.iot.config.model.SyncPolicy;
import de.dos2030.iot.edge.outbox.AppendResult;
import de.dos2030.iot.edge.outbox.BatchOrigin;
import de.dos2030.iot.edge.outbox.EntryKind;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxSettings;
import de.dos2030.iot.edge.uplink.Credentials;
import de.dos2030.iot.edge.uplink.Dispatcher;
import de.dos2030.iot.edge.uplink.Poll;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Severity;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbox, dispatcher and MQTT uplink against a real Mosquitto (a process of the test's own, so it
 * can be killed) and a responder playing the collector.
 */
class MqttDeliveryIT {
    @TempDir
    Path tmp;

    MosquittoProcess broker;
    CollectorResponder responder;
    Outbox outbox;
    MqttUplink uplink;
    Dispatcher dispatcher;
    final ScheduledExecutorService dispatch = Executors.newSingleThreadScheduledExecutor();
    final ScheduledExecutorService mqttTimers = Executors.newScheduledThreadPool(1);
    final Clock clock = Clock.systemUTC();

    @BeforeEach
    void startBroker() throws Exception {
        assumeTrue(MosquittoProcess.available(), "Debian's mosquitto is not installed");
        broker = new MosquittoProcess(tmp.resolve("broker")).start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (uplink != null) {
            uplink.close();
        }
        dispatch.shutdownNow();
        mqttTimers.shutdownNow();
        if (outbox != null) {
            outbox.close();
        }
        if (responder != null) {
            responder.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    void startGateway(
            BiFunction<de.dos2030.iot.model.Batch, Integer, CollectorResponder.Answer> policy, Duration ackTimeout)
            throws Exception {
        responder = new CollectorResponder(broker.url(), policy);
        outbox = Outbox.open(
                new OutboxSettings(
                        tmp.resolve("outbox"),
                        8 * 1024 * 1024,
                        256 * 1024,
                        SyncPolicy.INTERVAL,
                        Duration.ofMillis(200),
                        EvictionPolicy.OLDEST_READINGS_FIRST),
                new BatchOrigin("gw-7", "school-3", BatchOrigin.newBootId(clock.instant())),
                clock);
        uplink = new MqttUplink(
                new MqttUplink.Settings(
                        URI.create(broker.url()),
                        "gw-7",
                        "school-3",
                        "gw-7",
                        Credentials.none(),
                        ackTimeout,
                        Duration.ofMillis(100),
                        Duration.ofMillis(500)),
                mqttTimers);
        dispatcher = new Dispatcher(
                outbox,
                uplink,
                clock,
                dispatch,
                new Dispatcher.Settings(
                        4, 64, 16, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(100)));
        dispatcher.start();
    }

    long append(int readings) {
        Instant now = clock.instant();
        List<Reading> list = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            list.add(Reading.sample("room-2.co2", Quantity.CO2, now.minusMillis(readings - i), 450 + i));
        }
        AppendResult r = outbox.append(EntryKind.SAMPLES, list, List.of(), null, ClockSync.SYNCED);
        return ((AppendResult.Journaled) r).entry().sequence();
    }

    String identity(long sequence) {
        return "gw-7/" + outbox.origin().bootId() + "/" + sequence;
    }

    /**
     * Over a slow link (PUBACKs 300 ms late), a burst larger than Mosquitto's Receive Maximum (20),
     * then the first publish on another topic. Had Paho refused that one, it would already have
     * registered a topic alias the broker never saw, and the next alert would have cut the
     * connection for a protocol error.
     */
    @Test
    void staysWithinTheBrokersWindowSoABurstNeverCostsTheConnection() throws Exception {
        responder = CollectorResponder.storingEverything(broker.url());
        SlowLinkProxy slowLink = new SlowLinkProxy(URI.create(broker.url()).getPort(), 300);
        uplink = new MqttUplink(
                new MqttUplink.Settings(
                        URI.create(slowLink.url()),
                        "gw-7",
                        "school-3",
                        "gw-7",
                        Credentials.none(),
                        Duration.ofSeconds(5),
                        Duration.ofMillis(100),
                        Duration.ofMillis(500)),
                mqttTimers);
        List<String> disconnects = new java.util.concurrent.CopyOnWriteArrayList<>();
        uplink.start(new de.dos2030.iot.edge.uplink.LinkListener() {
            @Override
            public void connected(de.dos2030.iot.edge.uplink.Uplink u) {}

            @Override
            public void disconnected(de.dos2030.iot.edge.uplink.Uplink u, String cause) {
                disconnects.add(cause);
            }
        });
        Poll.until(Duration.ofSeconds(10), uplink::connected, () -> "never connected");
        List<CompletableFuture<de.dos2030.iot.edge.uplink.SendOutcome>> burst = new ArrayList<>();
        for (int seq = 0; seq < 60; seq++) {
            burst.add(send(de.dos2030.iot.edge.uplink.MessageKind.BATCH, seq));
        }
        CompletableFuture<de.dos2030.iot.edge.uplink.SendOutcome> firstAlert =
                send(de.dos2030.iot.edge.uplink.MessageKind.ALERT, 60);
        CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        firstAlert.get(20, TimeUnit.SECONDS);

        assertThat(send(de.dos2030.iot.edge.uplink.MessageKind.ALERT, 61).get(20, TimeUnit.SECONDS))
                .isInstanceOf(de.dos2030.iot.edge.uplink.SendOutcome.Stored.class);
        assertThat(burst)
                .allSatisfy(f -> assertThat(f.get())
                        .isInstanceOfAny(
                                de.dos2030.iot.edge.uplink.SendOutcome.Stored.class,
                                de.dos2030.iot.edge.uplink.SendOutcome.RetryLater.class));
        assertThat(disconnects).isEmpty();
        assertThat(broker.log()).doesNotContain("protocol error");
        slowLink.close();
    }

    /**
     * Shut down while the broker's window is full (a burst over the slow link): the {@code offline}
     * status finds no slot, so the uplink drops the connection without DISCONNECT and the broker
     * publishes the last will, the same retained {@code offline}.
     */
    @Test
    void saysOfflineAtShutdownEvenWhenTheBrokersWindowIsFull() throws Exception {
        responder = CollectorResponder.storingEverything(broker.url());
        SlowLinkProxy slowLink = new SlowLinkProxy(URI.create(broker.url()).getPort(), 300);
        uplink = new MqttUplink(
                new MqttUplink.Settings(
                        URI.create(slowLink.url()),
                        "gw-7",
                        "school-3",
                        "gw-7",
                        Credentials.none(),
                        Duration.ofSeconds(5),
                        Duration.ofMillis(100),
                        Duration.ofMillis(500)),
                mqttTimers);
        uplink.start(new de.dos2030.iot.edge.uplink.LinkListener() {
            @Override
            public void connected(de.dos2030.iot.edge.uplink.Uplink u) {}

            @Override
            public void disconnected(de.dos2030.iot.edge.uplink.Uplink u, String cause) {}
        });
        Poll.until(Duration.ofSeconds(10), uplink::connected, () -> "never connected");
        Poll.until(Duration.ofSeconds(10), () -> "online".equals(retainedStatusOrNull()), () -> "never online");
        List<CompletableFuture<de.dos2030.iot.edge.uplink.SendOutcome>> burst = new ArrayList<>();
        for (int seq = 0; seq < 40; seq++) {
            burst.add(send(de.dos2030.iot.edge.uplink.MessageKind.BATCH, seq));
        }
        assertThat(burst)
                .as("the window is full")
                .anySatisfy(f -> assertThat(f.getNow(null))
                        .isInstanceOfSatisfying(
                                de.dos2030.iot.edge.uplink.SendOutcome.RetryLater.class,
                                r -> assertThat(r.why()).contains("window")));

        uplink.close();

        Poll.until(
                Duration.ofSeconds(10),
                () -> "offline".equals(retainedStatusOrNull()),
                () -> "status still " + retainedStatusOrNull());
        slowLink.close();
    }

    private String retainedStatusOrNull() {
        try {
            return retainedStatus();
        } catch (Exception e) {
            return null;
        }
    }

    private CompletableFuture<de.dos2030.iot.edge.uplink.SendOutcome> send(
            de.dos2030.iot.edge.uplink.MessageKind channel, long seq) {
        Instant now = clock.instant();
        de.dos2030.iot.model.Batch batch = new de.dos2030.iot.model.Batch(
                1,
                "gw-7",
                "school-3",
                "boot-burst",
                seq,
                now,
                ClockSync.SYNCED,
                List.of(Reading.sample("room-2.co2", Quantity.CO2, now, 450)),
                List.of(),
                null);
        return uplink.send(
                channel,
                batch.identity(),
                de.dos2030.iot.model.codec.BatchCodec.cbor().encode(batch));
    }

    @Test
    void releasesBatchesOnlyWhenTheCollectorAnswersStored() throws Exception {
        startGateway((b, n) -> new CollectorResponder.Answer.Stored(), Duration.ofSeconds(5));
        for (int i = 0; i < 20; i++) {
            append(10);
        }
        Poll.until(Duration.ofSeconds(10), () -> outbox.stats().depth() == 0, () -> "outbox " + outbox.stats());
        assertThat(responder.storedAt()).hasSize(20);
        assertThat(outbox.stats().storedBatches()).isEqualTo(20);
        assertThat(responder.received()).allSatisfy(r -> assertThat(r.topic()).isEqualTo("dos/school-3/gw-7/batch"));
    }

    @Test
    void announcesOnlineRetainedAndOfflineOnCleanShutdown() throws Exception {
        startGateway((b, n) -> new CollectorResponder.Answer.Stored(), Duration.ofSeconds(5));
        Poll.until(Duration.ofSeconds(10), uplink::connected, () -> "never connected");
        assertThat(retainedStatus()).isEqualTo("online");
        uplink.close();
        assertThat(retainedStatus()).isEqualTo("offline");
    }

    private String retainedStatus() throws Exception {
        MqttClient probe = new MqttClient(broker.url(), "status-probe-" + System.nanoTime(), new MemoryPersistence());
        CompletableFuture<String> status = new CompletableFuture<>();
        probe.connect();
        probe.subscribe(
                new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription("dos/school-3/gw-7/status", 1)
                },
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                    (t, m) -> status.complete(new String(m.getPayload()))
                });
        try {
            return status.get(5, TimeUnit.SECONDS);
        } finally {
            probe.disconnect();
            probe.close();
        }
    }

    @Test
    void putsARejectedBatchIntoTheDeadLetterAndCarriesOnWithTheNext() throws Exception {
        startGateway(
                (b, n) -> b.sequence() == 2
                        ? new CollectorResponder.Answer.Rejected(
                                "readings[0].sensorId", "unknown sensor for this gateway")
                        : new CollectorResponder.Answer.Stored(),
                Duration.ofSeconds(5));
        for (int i = 0; i < 6; i++) {
            append(5);
        }
        Poll.until(Duration.ofSeconds(10), () -> outbox.stats().depth() == 0, () -> "outbox " + outbox.stats());
        assertThat(outbox.stats().deadLetteredBatches()).isEqualTo(1);
        assertThat(outbox.stats().storedBatches()).isEqualTo(5);
        assertThat(responder.attempts(identity(2))).as("not retried").isEqualTo(1);
        String reason = Files.readString(outbox.deadLetters().reasonFiles().get(0));
        assertThat(reason).contains(identity(2), "readings[0].sensorId: unknown sensor for this gateway");
        assertThat(responder.storedAt()).containsKeys(identity(3), identity(4), identity(5));
    }

    @Test
    void resendsABatchWhoseAnswerWasLostWithTheSameIdentityAndBytes() throws Exception {
        startGateway(
                (b, n) -> b.sequence() == 1 && n == 1
                        ? new CollectorResponder.Answer.Silent()
                        : new CollectorResponder.Answer.Stored(),
                Duration.ofMillis(700));
        for (int i = 0; i < 3; i++) {
            append(5);
        }
        Poll.until(Duration.ofSeconds(10), () -> outbox.stats().depth() == 0, () -> "outbox " + outbox.stats());
        List<CollectorResponder.Received> copies = responder.received().stream()
                .filter(r -> r.batch().identity().equals(identity(1)))
                .toList();
        assertThat(copies).hasSize(2);
        assertThat(copies.get(0).batch()).isEqualTo(copies.get(1).batch());
        assertThat(Arrays.equals(copies.get(0).payload(), copies.get(1).payload()))
                .isTrue();
        assertThat(dispatcher.stats().retries()).isPositive();
    }

    @Test
    void losesNothingWhileTheBrokerIsDownAndKeepsLiveDataFlowingDuringTheDrain() throws Exception {
        startGateway(
                (b, n) -> {
                    sleep(3); // a collector writing to InfluxDB takes a moment per batch
                    return new CollectorResponder.Answer.Stored();
                },
                Duration.ofSeconds(3));
        for (int i = 0; i < 5; i++) {
            append(10);
        }
        Poll.until(Duration.ofSeconds(10), () -> outbox.stats().depth() == 0, () -> "outbox " + outbox.stats());

        broker.kill();
        Poll.until(Duration.ofSeconds(10), () -> !uplink.connected(), () -> "uplink did not notice the broker died");
        List<Long> backlog = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            backlog.add(append(10));
        }
        assertThat(outbox.stats().depth()).isEqualTo(300);

        broker.start();
        Poll.until(
                Duration.ofSeconds(20),
                () -> responder.storedAt().containsKey(identity(backlog.get(0))),
                () -> "the drain did not start after the broker came back");
        List<Long> live = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            live.add(append(10));
            sleep(20);
        }
        Poll.until(Duration.ofSeconds(60), () -> outbox.stats().depth() == 0, () -> "outbox " + outbox.stats());

        for (long seq = 0; seq < 315; seq++) {
            assertThat(responder.storedAt()).as("batch %d stored", seq).containsKey(identity(seq));
        }
        long lastBacklogStored = backlog.stream()
                .mapToLong(s -> responder.storedAt().get(identity(s)))
                .max()
                .orElseThrow();
        long lastLiveStored = live.stream()
                .mapToLong(s -> responder.storedAt().get(identity(s)))
                .max()
                .orElseThrow();
        assertThat(lastLiveStored)
                .as("live batches were stored while the backlog was still draining")
                .isLessThan(lastBacklogStored);
    }

    @Test
    void sendsAnAlertAheadOfAQueuedBacklog() throws Exception {
        startGateway(
                (b, n) -> {
                    sleep(3);
                    return new CollectorResponder.Answer.Stored();
                },
                Duration.ofSeconds(3));
        Poll.until(Duration.ofSeconds(10), uplink::connected, () -> "never connected");
        broker.kill();
        Poll.until(Duration.ofSeconds(10), () -> !uplink.connected(), () -> "still connected");
        for (int i = 0; i < 200; i++) {
            append(10);
        }
        AlertEvent alert = new AlertEvent(
                "a-1",
                "co2-high",
                "room-2.co2",
                Quantity.CO2,
                Severity.CRITICAL,
                AlertState.RAISED,
                2100.0,
                2000.0,
                clock.instant(),
                "CO2 above 2000 ppm");
        long alertSeq = ((AppendResult.Journaled)
                        outbox.append(EntryKind.ALERT, List.of(), List.of(alert), null, ClockSync.SYNCED))
                .entry()
                .sequence();
        broker.start();
        Poll.until(Duration.ofSeconds(60), () -> outbox.stats().depth() == 0, () -> "outbox " + outbox.stats());
        List<String> order = responder.received().stream()
                .map(r -> r.batch().identity())
                .distinct()
                .toList();
        assertThat(order.indexOf(identity(alertSeq)))
                .as("alert among the first sent after reconnect")
                .isLessThan(5);
        assertThat(responder.received().stream()
                        .filter(r -> r.topic().endsWith("/alert"))
                        .count())
                .isPositive();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
