package de.dos2030.iot.edge.batch;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.AlertDelivery;
import de.dos2030.iot.config.model.Batching;
import de.dos2030.iot.config.model.EvictionPolicy;
import de.dos2030.iot.config.model.SyncPolicy;
import de.dos2030.iot.edge.outbox.BatchOrigin;
import de.dos2030.iot.edge.outbox.EntryKind;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxEntry;
import de.dos2030.iot.edge.outbox.OutboxFixtures;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.codec.BatchCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatcherTest {
    @TempDir
    Path dir;

    final VirtualClock clock = new VirtualClock(OutboxFixtures.T0);
    Outbox outbox;

    Batcher batcher(int maxReadings, Duration maxAge, AlertDelivery alerts) {
        outbox = Outbox.open(
                OutboxFixtures.settings(dir, SyncPolicy.EVERY_BATCH, EvictionPolicy.OLDEST_READINGS_FIRST),
                new BatchOrigin("gw-1", "school-1", "boot-a"),
                clock);
        return new Batcher(outbox, new Batching(maxReadings, maxAge), alerts, clock, () -> ClockSync.SYNCED);
    }

    @AfterEach
    void close() {
        outbox.close();
    }

    Reading sample(int i) {
        return Reading.sample("room-1.co2", Quantity.CO2, clock.instant().minusMillis(1000 - i), 600 + i);
    }

    List<OutboxEntry> waiting(EntryKind kind) {
        return outbox.waiting(kind, 0, e -> true, 1000);
    }

    Batch batch(OutboxEntry e) throws Exception {
        return BatchCodec.cbor().decode(outbox.payload(e));
    }

    @Test
    void closesABatchWhenItHoldsMaxReadings() throws Exception {
        Batcher b = batcher(10, Duration.ofMinutes(5), AlertDelivery.PRIORITY);
        for (int i = 0; i < 25; i++) {
            b.reading(sample(i));
        }
        assertThat(waiting(EntryKind.SAMPLES)).hasSize(2);
        assertThat(batch(waiting(EntryKind.SAMPLES).get(1)).readings()).hasSize(10);
    }

    @Test
    void closesTheFirstBatchEarlyAndLaterOnesAtMaxAge() {
        Batcher b = batcher(1000, Duration.ofSeconds(30), AlertDelivery.PRIORITY);
        b.reading(sample(1));
        clock.advance(Batcher.FIRST_BATCH_AGE);
        b.tick();
        assertThat(waiting(EntryKind.SAMPLES)).hasSize(1);
        b.reading(sample(2));
        clock.advance(Duration.ofSeconds(29));
        b.tick();
        assertThat(waiting(EntryKind.SAMPLES)).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        b.tick();
        assertThat(waiting(EntryKind.SAMPLES)).hasSize(2);
    }

    @Test
    void batchesWindowFeaturesApartFromRawSamples() throws Exception {
        Batcher b = batcher(1000, Duration.ofSeconds(30), AlertDelivery.PRIORITY);
        b.reading(sample(1));
        b.reading(new Reading("room-1.co2", Quantity.CO2, Statistic.MEAN, clock.instant(), 640, Quality.OK));
        b.reading(Reading.sample("p2-vibration", Quantity.VIBRATION_RMS, clock.instant(), 0.001));
        b.flush();
        assertThat(batch(waiting(EntryKind.SAMPLES).get(0)).readings()).hasSize(1);
        assertThat(batch(waiting(EntryKind.FEATURES).get(0)).readings())
                .extracting(Reading::quantity)
                .containsExactly(Quantity.CO2, Quantity.VIBRATION_RMS);
    }

    @Test
    void journalsAPriorityAlertAtOnceAsAnAlertOnlyBatch() throws Exception {
        Batcher b = batcher(1000, Duration.ofSeconds(30), AlertDelivery.PRIORITY);
        b.reading(sample(1));
        b.alert(OutboxFixtures.alert("a-1", clock.instant()));
        List<OutboxEntry> alerts = waiting(EntryKind.ALERT);
        assertThat(alerts).hasSize(1);
        Batch batch = batch(alerts.get(0));
        assertThat(batch.alerts()).hasSize(1);
        assertThat(batch.readings()).isEmpty();
        assertThat(waiting(EntryKind.SAMPLES))
                .as("the open sample batch is not closed by an alert")
                .isEmpty();
    }

    @Test
    void carriesAlertsInTheNextFeatureBatchWhenConfiguredSo() throws Exception {
        Batcher b = batcher(1000, Duration.ofSeconds(30), AlertDelivery.WITH_BATCHES);
        b.alert(OutboxFixtures.alert("a-1", clock.instant()));
        assertThat(waiting(EntryKind.ALERT)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        b.tick();
        assertThat(batch(waiting(EntryKind.FEATURES).get(0)).alerts()).hasSize(1);
    }

    @Test
    void usesGapFreeSequencesAcrossKinds() {
        Batcher b = batcher(2, Duration.ofSeconds(30), AlertDelivery.PRIORITY);
        b.reading(sample(1));
        b.alert(OutboxFixtures.alert("a-1", clock.instant()));
        b.reading(sample(2));
        b.reading(new Reading("room-1.co2", Quantity.CO2, Statistic.MAX, clock.instant(), 700, Quality.OK));
        b.flush();
        assertThat(outbox.waiting(null, 0, e -> true, 10))
                .extracting(OutboxEntry::sequence)
                .containsExactly(0L, 1L, 2L);
    }
}
