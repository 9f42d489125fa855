package de.dos2030.iot.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.EvictionPolicy;
import de.dos2030.iot.config.model.SyncPolicy;
import de.dos2030.iot.edge.outbox.BatchOrigin;
import de.dos2030.iot.edge.outbox.EntryKind;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxFixtures;
import de.dos2030.iot.model.ClockSync;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher's lanes and window against a fake uplink whose answers the test gives. */
class DispatcherTest {
    @TempDir
    Path dir;

    final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    final FakeUplink uplink = new FakeUplink();
    Outbox outbox;
    Dispatcher dispatcher;

    record Sent(MessageKind channel, String identity, CompletableFuture<SendOutcome> answer) {}

    static final class FakeUplink implements Uplink {
        final LinkedBlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
        volatile boolean up;
        LinkListener listener;

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public void start(LinkListener l) {
            listener = l;
        }

        void comeUp() {
            up = true;
            listener.connected(this);
        }

        @Override
        public boolean connected() {
            return up;
        }

        @Override
        public CompletableFuture<SendOutcome> send(MessageKind channel, String identity, byte[] payload) {
            CompletableFuture<SendOutcome> f = new CompletableFuture<>();
            sent.add(new Sent(channel, identity, f));
            return f;
        }

        @Override
        public void close() {}
    }

    @BeforeEach
    void open() {
        outbox = Outbox.open(
                OutboxFixtures.settings(dir, SyncPolicy.INTERVAL, EvictionPolicy.OLDEST_READINGS_FIRST),
                new BatchOrigin("gw-1", "school-1", "boot-a"),
                Clock.systemUTC());
        dispatcher = new Dispatcher(
                outbox,
                uplink,
                Clock.systemUTC(),
                executor,
                new Dispatcher.Settings(
                        2, 8, 4, Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(60)));
        dispatcher.start();
    }

    @AfterEach
    void close() {
        dispatcher.close();
        executor.shutdownNow();
        outbox.close();
    }

    void appendSamples(int batches) {
        for (int i = 0; i < batches; i++) {
            outbox.append(
                    EntryKind.SAMPLES,
                    OutboxFixtures.samples(3, Instant.now().minusSeconds(10)),
                    List.of(),
                    null,
                    ClockSync.SYNCED);
        }
    }

    Sent next() throws InterruptedException {
        Sent s = uplink.sent.poll(5, TimeUnit.SECONDS);
        assertThat(s).as("a send").isNotNull();
        return s;
    }

    void nothingMoreSent() throws InterruptedException {
        assertThat(uplink.sent.poll(200, TimeUnit.MILLISECONDS))
                .as("no further send")
                .isNull();
    }

    @Test
    void drainsTheBacklogThroughAWindowThatGrowsWithEachStoredAnswer() throws Exception {
        appendSamples(20);
        uplink.comeUp();
        Sent first = next();
        assertThat(first.identity()).isEqualTo("gw-1/boot-a/0");
        nothingMoreSent(); // window 1
        first.answer().complete(new SendOutcome.Stored("ok"));
        Sent a = next();
        Sent b = next();
        nothingMoreSent(); // window 2
        assertThat(List.of(a.identity(), b.identity())).containsExactly("gw-1/boot-a/1", "gw-1/boot-a/2");
        a.answer().complete(new SendOutcome.Stored("ok"));
        b.answer().complete(new SendOutcome.Stored("ok"));
        for (int i = 0; i < 4; i++) {
            next();
        }
        nothingMoreSent(); // window 4
        assertThat(dispatcher.stats().window()).isEqualTo(4.0);
    }

    @Test
    void sendsAlertsAndLiveBatchesBesideAFullBacklogWindow() throws Exception {
        appendSamples(5);
        uplink.comeUp();
        Sent backlog = next();
        outbox.append(
                EntryKind.ALERT, List.of(), List.of(OutboxFixtures.alert("a1", Instant.now())), null, ClockSync.SYNCED);
        Sent alert = next();
        assertThat(alert.channel()).isEqualTo(MessageKind.ALERT);
        appendSamples(3);
        Sent live1 = next();
        Sent live2 = next();
        nothingMoreSent(); // two live in flight at most
        assertThat(List.of(live1.identity(), live2.identity())).containsExactly("gw-1/boot-a/6", "gw-1/boot-a/7");
        assertThat(backlog.identity()).isEqualTo("gw-1/boot-a/0");
    }

    @Test
    void measuresTheClockOffsetFromTheCollectorsTimesInItsStoredAnswers() throws Exception {
        appendSamples(1);
        uplink.comeUp();
        assertThat(dispatcher.clockOffset()).isEmpty();
        Instant collectorNow = Instant.now().minusSeconds(30); // the collector's clock runs 30 s behind ours
        next().answer()
                .complete(new SendOutcome.Stored(
                        "ok", Optional.of(new SendOutcome.CollectorTimes(collectorNow, collectorNow))));
        for (int i = 0; i < 500 && dispatcher.clockOffset().isEmpty(); i++) {
            Thread.sleep(10); // the answer is handled on the dispatcher's thread
        }
        assertThat(dispatcher.clockOffset().orElseThrow()).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(31));
    }

    @Test
    void halvesTheWindowAndPausesOnTryLater() throws Exception {
        appendSamples(10);
        uplink.comeUp();
        next().answer().complete(new SendOutcome.Stored("ok"));
        Sent a = next();
        Sent b = next();
        a.answer().complete(new SendOutcome.RetryLater("InfluxDB down", Optional.of(Duration.ofMillis(500))));
        long pausedAt = System.nanoTime();
        nothingMoreSent();
        b.answer().complete(new SendOutcome.Stored("ok"));
        Sent again = next();
        assertThat(System.nanoTime() - pausedAt)
                .as("waited for Max-Age/Retry-After")
                .isGreaterThanOrEqualTo(Duration.ofMillis(450).toNanos());
        assertThat(again.identity()).isEqualTo("gw-1/boot-a/1");
        assertThat(outbox.waiting(null, 0, e -> true, 100))
                .extracting(e -> e.label())
                .as("a try-later releases nothing")
                .contains("boot-a/1");
        assertThat(dispatcher.stats().retries()).isEqualTo(1);
    }

    @Test
    void sendsAnAlertAtOnceWhileTheDataLanesWaitOutATryLater() throws Exception {
        appendSamples(2);
        uplink.comeUp();
        next().answer().complete(new SendOutcome.RetryLater("InfluxDB slow", Optional.of(Duration.ofSeconds(30))));
        nothingMoreSent(); // the data lanes pause for 30 s: the backlog's second batch waits
        outbox.append(
                EntryKind.ALERT, List.of(), List.of(OutboxFixtures.alert("a1", Instant.now())), null, ClockSync.SYNCED);
        Sent alert = next();
        assertThat(alert.channel()).isEqualTo(MessageKind.ALERT);
        alert.answer().complete(new SendOutcome.RetryLater("no answer", Optional.of(Duration.ofSeconds(30))));
        nothingMoreSent(); // now the alert lane waits too, on its own backoff
    }

    @Test
    void deadLettersARejectedBatchAndMovesOn() throws Exception {
        appendSamples(2);
        uplink.comeUp();
        next().answer().complete(new SendOutcome.Rejected("HTTP 400: readings[0].value: bad"));
        next().answer().complete(new SendOutcome.Stored("ok"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (outbox.stats().depth() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(outbox.stats().deadLetteredBatches()).isEqualTo(1);
        assertThat(outbox.stats().storedBatches()).isEqualTo(1);
    }

    @Test
    void sendsNothingWhileTheLinkIsDown() throws Exception {
        appendSamples(3);
        nothingMoreSent();
        uplink.comeUp();
        assertThat(next().identity()).isEqualTo("gw-1/boot-a/0");
    }
}
