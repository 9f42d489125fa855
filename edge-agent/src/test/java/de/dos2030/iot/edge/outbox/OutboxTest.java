package de.dos2030.iot.edge.outbox;

import static de.dos2030.iot.edge.outbox.OutboxFixtures.T0;
import static de.dos2030.iot.edge.outbox.OutboxFixtures.alert;
import static de.dos2030.iot.edge.outbox.OutboxFixtures.features;
import static de.dos2030.iot.edge.outbox.OutboxFixtures.samples;
import static de.dos2030.iot.edge.outbox.OutboxFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.EvictionPolicy;
import de.dos2030.iot.config.model.SyncPolicy;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.codec.BatchCodec;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    final VirtualClock clock = new VirtualClock(T0);

    Outbox open(String boot) {
        return open(boot, SyncPolicy.EVERY_BATCH, EvictionPolicy.OLDEST_READINGS_FIRST);
    }

    Outbox open(String boot, SyncPolicy sync, EvictionPolicy eviction) {
        return Outbox.open(settings(dir, sync, eviction), new BatchOrigin("gw-1", "school-1", boot), clock);
    }

    static OutboxEntry journaled(AppendResult r) {
        assertThat(r).isInstanceOf(AppendResult.Journaled.class);
        return ((AppendResult.Journaled) r).entry();
    }

    OutboxEntry appendSamples(Outbox o, int n) {
        clock.advance(Duration.ofSeconds(1));
        return journaled(o.append(
                EntryKind.SAMPLES, samples(n, clock.instant().minusSeconds(1)), List.of(), null, ClockSync.SYNCED));
    }

    static Batch decode(Outbox o, OutboxEntry e) throws Exception {
        return BatchCodec.cbor().decode(o.payload(e));
    }

    @Test
    void stampsGapFreeSequencesFromZeroAndJournalsTheEncodedBatch() throws Exception {
        try (Outbox o = open("boot-a")) {
            for (int i = 0; i < 5; i++) {
                OutboxEntry e = appendSamples(o, 10);
                assertThat(e.sequence()).isEqualTo(i);
                Batch b = decode(o, e);
                assertThat(b.identity()).isEqualTo("gw-1/boot-a/" + i);
                assertThat(b.siteId()).isEqualTo("school-1");
                assertThat(b.readings()).hasSize(10);
            }
            assertThat(o.stats().depth()).isEqualTo(5);
        }
    }

    @Test
    void recoversUnacknowledgedBatchesWithTheirIdentityAfterRestart() throws Exception {
        List<Long> kept = new ArrayList<>();
        try (Outbox o = open("boot-a")) {
            for (int i = 0; i < 6; i++) {
                OutboxEntry e = appendSamples(o, 5);
                if (i % 2 == 0) {
                    assertThat(o.release(e.id(), ReleaseReason.STORED)).isTrue();
                } else {
                    kept.add(e.id());
                }
            }
        }
        try (Outbox o = open("boot-b")) {
            assertThat(o.recovery().clean()).isTrue();
            assertThat(o.recovery().pendingBatches()).isEqualTo(3);
            List<OutboxEntry> waiting = o.waiting(null, 0, e -> true, 100);
            assertThat(waiting).extracting(OutboxEntry::id).containsExactlyElementsOf(kept);
            assertThat(waiting).extracting(OutboxEntry::label).containsExactly("boot-a/1", "boot-a/3", "boot-a/5");
            assertThat(decode(o, waiting.get(1)).identity()).isEqualTo("gw-1/boot-a/3");
            OutboxEntry fresh = appendSamples(o, 5);
            assertThat(fresh.label()).isEqualTo("boot-b/0");
            assertThat(fresh.id()).isGreaterThan(kept.get(2));
        }
    }

    @Test
    void truncatesATornTailAndReportsItWithoutLosingEarlierBatches() throws Exception {
        try (Outbox o = open("boot-a")) {
            for (int i = 0; i < 4; i++) {
                appendSamples(o, 20);
            }
        }
        Path segment = onlySegmentWithData();
        long size = Files.size(segment);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(size - 37); // the last record lost its end mid-write
        }
        try (Outbox o = open("boot-b")) {
            RecoveryReport r = o.recovery();
            assertThat(r.pendingBatches()).isEqualTo(3);
            assertThat(r.tornTailBytes()).isPositive();
            assertThat(r.corruptRecords()).isZero();
            assertThat(r.findings()).singleElement().asString().contains("torn tail");
            for (OutboxEntry e : o.waiting(null, 0, e -> true, 10)) {
                assertThat(decode(o, e).readings()).hasSize(20);
            }
        }
        try (Outbox o = open("boot-c")) {
            assertThat(o.recovery().clean())
                    .as("the tail was truncated once, not found again")
                    .isTrue();
            assertThat(o.recovery().pendingBatches()).isEqualTo(3);
        }
    }

    @Test
    void skipsAndCountsACorruptRecordAndKeepsTheRecordsAfterIt() throws Exception {
        List<OutboxEntry> entries = new ArrayList<>();
        try (Outbox o = open("boot-a")) {
            for (int i = 0; i < 5; i++) {
                entries.add(appendSamples(o, 20));
            }
        }
        OutboxEntry victim = entries.get(2);
        try (RandomAccessFile f = new RandomAccessFile(onlySegmentWithData().toFile(), "rw")) {
            long at = victim.payloadPosition() + victim.payloadLength() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5A);
        }
        try (Outbox o = open("boot-b")) {
            RecoveryReport r = o.recovery();
            assertThat(r.corruptRecords()).isEqualTo(1);
            assertThat(r.tornTailBytes()).isZero();
            assertThat(o.waiting(null, 0, e -> true, 10))
                    .extracting(OutboxEntry::label)
                    .containsExactly("boot-a/0", "boot-a/1", "boot-a/3", "boot-a/4");
        }
    }

    @Test
    void neverWipesTheJournalWhenItIsGarbageFromTheStart() throws Exception {
        try (Outbox o = open("boot-a")) {
            appendSamples(o, 3);
            appendSamples(o, 3);
        }
        Path segment = onlySegmentWithData();
        byte[] data = Files.readAllBytes(segment);
        data[1] ^= 0x01; // first record's magic broken
        Files.write(segment, data);
        try (Outbox o = open("boot-b")) {
            assertThat(o.recovery().corruptRecords()).isEqualTo(1);
            assertThat(o.waiting(null, 0, e -> true, 10))
                    .extracting(OutboxEntry::label)
                    .containsExactly("boot-a/1");
        }
    }

    @Test
    void leavesInvalidReadingsOutAndCountsThem() throws Exception {
        try (Outbox o = open("boot-a")) {
            List<Reading> readings = new ArrayList<>(samples(3, T0));
            readings.add(Reading.sample("room-1.co2", Quantity.CO2, T0.plusSeconds(5), Double.NaN));
            OutboxEntry e = journaled(o.append(EntryKind.SAMPLES, readings, List.of(), null, ClockSync.SYNCED));
            assertThat(decode(o, e).readings()).hasSize(3);
            assertThat(o.stats().invalidReadings()).isEqualTo(1);
            assertThat(o.stats().droppedReadings()).isEqualTo(1);
        }
    }

    @Test
    void refusesABatchWithAnInvalidEnvelopeWithoutUsingASequenceNumber() {
        try (Outbox o = Outbox.open(
                settings(dir, SyncPolicy.EVERY_BATCH, EvictionPolicy.OLDEST_FIRST),
                new BatchOrigin("gw 1", "school-1", "boot-a"),
                clock)) {
            AppendResult r = o.append(EntryKind.SAMPLES, samples(2, T0), List.of(), null, ClockSync.SYNCED);
            assertThat(r).isInstanceOf(AppendResult.Refused.class);
            assertThat(((AppendResult.Refused) r).reason()).contains("gatewayId");
            assertThat(o.stats().depth()).isZero();
            assertThat(o.stats().refusedReadings()).isEqualTo(2);
        }
        try (Outbox o = open("boot-a")) {
            assertThat(o.recovery().pendingBatches()).isZero();
            assertThat(appendSamples(o, 1).sequence()).isZero();
        }
    }

    @Test
    void writesARejectedBatchToTheDeadLetterDirectoryWithItsReason() throws Exception {
        try (Outbox o = open("boot-a")) {
            OutboxEntry e = appendSamples(o, 4);
            assertThat(o.deadLetter(e.id(), "readings[2].value: outside plausible range"))
                    .isTrue();
            assertThat(o.stats().depth()).isZero();
            assertThat(o.stats().deadLetteredReadings()).isEqualTo(4);
            Path reason = o.deadLetters().reasonFiles().get(0);
            assertThat(Files.readString(reason)).contains("gw-1/boot-a/0", "outside plausible range");
            byte[] payload = Files.readAllBytes(dir.resolve("dead-letter/boot-a-0.cbor"));
            assertThat(BatchCodec.cbor().decode(payload).identity()).isEqualTo("gw-1/boot-a/0");
        }
        try (Outbox o = open("boot-b")) {
            assertThat(o.recovery().pendingBatches())
                    .as("dead letters are not retried")
                    .isZero();
        }
    }

    @Test
    void aLateAnswerForABatchThatAlreadyLeftChangesNothing() {
        try (Outbox o = open("boot-a")) {
            OutboxEntry e = appendSamples(o, 4);
            assertThat(o.release(e.id(), ReleaseReason.STORED)).isTrue();
            assertThat(o.release(e.id(), ReleaseReason.STORED)).isFalse();
            assertThat(o.deadLetter(e.id(), "late")).isFalse();
            assertThat(o.stats().storedBatches()).isEqualTo(1);
        }
    }

    @Test
    void evictsOldestRawSamplesFirstAndKeepsAlertsAndFeatures() throws Exception {
        try (Outbox o = open("boot-a", SyncPolicy.INTERVAL, EvictionPolicy.OLDEST_READINGS_FIRST)) {
            OutboxEntry alert =
                    journaled(o.append(EntryKind.ALERT, List.of(), List.of(alert("a1", T0)), null, ClockSync.SYNCED));
            OutboxEntry feature =
                    journaled(o.append(EntryKind.FEATURES, features(10, T0), List.of(), null, ClockSync.SYNCED));
            fillPastTheBound(o);
            OutboxStats s = o.stats();
            assertThat(s.evictedBatches()).isPositive();
            assertThat(s.evictedReadings()).isEqualTo(s.evictedBatches() * 500);
            assertThat(o.contains(alert.id())).isTrue();
            assertThat(o.contains(feature.id())).isTrue();
            assertThat(o.waiting(EntryKind.SAMPLES, 0, e -> true, 1).get(0).sequence())
                    .as("the oldest samples went first")
                    .isGreaterThan(2);
            assertThat(s.liveBytes()).isLessThanOrEqualTo(1024 * 1024);
            assertThat(s.diskBytes()).as(segmentListing()).isLessThanOrEqualTo(1024 * 1024);
        }
        assertThat(journalBytes()).isLessThanOrEqualTo(1024 * 1024);
    }

    @Test
    void evictsTheOldestOfAnythingUnderOldestFirst() {
        try (Outbox o = open("boot-a", SyncPolicy.INTERVAL, EvictionPolicy.OLDEST_FIRST)) {
            OutboxEntry alert =
                    journaled(o.append(EntryKind.ALERT, List.of(), List.of(alert("a1", T0)), null, ClockSync.SYNCED));
            fillPastTheBound(o);
            assertThat(o.contains(alert.id())).isFalse();
            assertThat(o.stats().evictedBatches()).isPositive();
        }
    }

    @Test
    void refusesNewReadingsUnderRejectNewButStillTakesAnAlert() {
        try (Outbox o = open("boot-a", SyncPolicy.INTERVAL, EvictionPolicy.REJECT_NEW)) {
            fillPastTheBound(o);
            OutboxStats s = o.stats();
            assertThat(s.evictedBatches()).isZero();
            assertThat(s.refusedBatches()).isPositive();
            assertThat(s.refusedReadings()).isEqualTo(s.refusedBatches() * 500);
            for (int i = 0; o.stats().evictedBatches() == 0; i++) {
                assertThat(i)
                        .as("alerts keep coming in until one displaces a sample batch")
                        .isLessThan(10_000);
                AppendResult a =
                        o.append(EntryKind.ALERT, List.of(), List.of(alert("a" + i, T0)), null, ClockSync.SYNCED);
                assertThat(a).isInstanceOf(AppendResult.Journaled.class);
            }
            assertThat(o.waiting(EntryKind.SAMPLES, 0, e -> true, 1).get(0).sequence())
                    .as("the alert displaced the oldest samples")
                    .isPositive();
            assertThat(o.waiting(EntryKind.ALERT, 0, e -> true, 100_000)).hasSizeGreaterThan(0);
            assertThat(o.stats().diskBytes()).isLessThanOrEqualTo(1024 * 1024);
        }
    }

    @Test
    void movesAnUnansweredBatchForwardInsteadOfEvictingWhenTheRestWasAcknowledged() {
        try (Outbox o = open("boot-a", SyncPolicy.INTERVAL, EvictionPolicy.OLDEST_READINGS_FIRST)) {
            OutboxEntry straggler = appendSamples(o, 500);
            long offered = 0;
            while (offered < 3 * 1024 * 1024) {
                OutboxEntry e = appendSamples(o, 500);
                offered += e.frameBytes();
                o.release(e.id(), ReleaseReason.STORED);
            }
            assertThat(o.contains(straggler.id())).isTrue();
            assertThat(o.stats().evictedBatches()).isZero();
            assertThat(o.stats().diskBytes()).isLessThanOrEqualTo(1024 * 1024);
        }
        try (Outbox o = open("boot-b")) {
            assertThat(o.waiting(null, 0, e -> true, 10))
                    .extracting(OutboxEntry::label)
                    .containsExactly("boot-a/0");
        }
    }

    @Test
    void deletesSegmentFilesOnceEverythingInThemIsAcknowledged() throws Exception {
        try (Outbox o = open("boot-a", SyncPolicy.INTERVAL, EvictionPolicy.OLDEST_READINGS_FIRST)) {
            List<OutboxEntry> all = new ArrayList<>();
            while (all.stream().mapToLong(OutboxEntry::frameBytes).sum() < 300 * 1024) {
                all.add(appendSamples(o, 500));
            }
            assertThat(segmentCount()).isGreaterThan(3);
            all.forEach(e -> o.release(e.id(), ReleaseReason.STORED));
            assertThat(segmentCount()).isEqualTo(1);
            assertThat(o.stats().diskBytes()).isLessThan(64 * 1024);
        }
        try (Outbox o = open("boot-b")) {
            assertThat(o.recovery().pendingBatches()).isZero();
        }
    }

    @Test
    void syncsUnderTheIntervalPolicyOnlyWhenTheIntervalHasPassed() {
        try (Outbox o = open("boot-a", SyncPolicy.INTERVAL, EvictionPolicy.OLDEST_FIRST)) {
            appendSamples(o, 5); // clock +1 s: the 1 s interval has passed, forced on append
            OutboxStats s = o.stats();
            assertThat(s.appendedBatches()).isEqualTo(1);
            o.syncIfDue(); // nothing pending, nothing to do
        }
    }

    @Test
    void survivesACrashBetweenCompactionCopyAndSegmentDelete() throws Exception {
        List<OutboxEntry> entries = new ArrayList<>();
        try (Outbox o = open("boot-a")) {
            for (int i = 0; i < 3; i++) {
                entries.add(appendSamples(o, 50));
            }
        }
        Path first = onlySegmentWithData();
        try (Outbox o = open("boot-b")) {
            assertThat(o.recovery().pendingBatches()).isEqualTo(3);
        }
        // Simulate a copy written into a later segment without the delete of the original.
        Path copy = dir.resolve("0000000000000009.seg");
        Files.copy(first, copy);
        try (Outbox o = open("boot-c")) {
            assertThat(o.recovery().pendingBatches()).isEqualTo(3);
            assertThat(o.waiting(null, 0, e -> true, 10))
                    .extracting(OutboxEntry::segment)
                    .containsOnly(9L);
        }
    }

    /** Offers twice the bound in raw-sample batches of 500 readings. */
    private void fillPastTheBound(Outbox o) {
        long offered = 0;
        while (offered < 2 * 1024 * 1024) {
            clock.advance(Duration.ofSeconds(1));
            AppendResult r = o.append(
                    EntryKind.SAMPLES,
                    samples(500, clock.instant().minusSeconds(60)),
                    List.of(),
                    null,
                    ClockSync.SYNCED);
            offered += r instanceof AppendResult.Journaled j ? j.entry().frameBytes() : 1500;
        }
    }

    private Path onlySegmentWithData() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> withData = files.filter(p -> p.toString().endsWith(".seg"))
                    .filter(p -> p.toFile().length() > 0)
                    .toList();
            assertThat(withData).hasSize(1);
            return withData.get(0);
        }
    }

    private String segmentListing() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted()
                    .map(p -> p.getFileName() + "=" + p.toFile().length())
                    .toList()
                    .toString();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private long segmentCount() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).count();
        }
    }

    private long journalBytes() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg"))
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }
}
