package de.dos2030.iot.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.EvictionPolicy;
import de.dos2030.iot.config.model.SyncPolicy;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.model.ClockSync;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random damage: a cut at any byte (a crash mid-write) or a flipped byte anywhere. Recovery
 * must never invent a batch, never lose one outside the damaged record, and always open.
 */
class JournalDamageTest {
    @TempDir
    Path root;

    @Test
    void aCutAtAnyByteKeepsEveryWholeRecordBeforeIt() throws Exception {
        Random random = new Random(20250301);
        for (int round = 0; round < 40; round++) {
            Path dir = root.resolve("cut-" + round);
            List<OutboxEntry> entries = fill(dir, 12);
            Path segment = segment(dir);
            long size = Files.size(segment);
            long cut = 1 + (long) (random.nextDouble() * (size - 1));
            try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
                f.setLength(cut);
            }
            long whole = entries.stream()
                    .filter(e -> e.payloadPosition() + e.payloadLength() <= cut)
                    .count();
            try (Outbox o = open(dir, "after")) {
                assertThat(o.recovery().pendingBatches())
                        .as("round %d cut at %d of %d", round, cut, size)
                        .isEqualTo(whole);
                assertThat(o.recovery().corruptRecords()).isZero();
                for (OutboxEntry e : o.waiting(null, 0, x -> true, 100)) {
                    assertThat(o.payload(e)).isNotEmpty();
                }
            }
        }
    }

    @Test
    void aFlippedByteCostsAtMostTheRecordItIsIn() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            Path dir = root.resolve("flip-" + round);
            List<OutboxEntry> entries = fill(dir, 12);
            Path segment = segment(dir);
            long at = (long) (random.nextDouble() * Files.size(segment));
            try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
                f.seek(at);
                int b = f.read();
                f.seek(at);
                f.write(b ^ (1 << random.nextInt(8)));
            }
            Set<String> before =
                    new HashSet<>(entries.stream().map(OutboxEntry::label).toList());
            try (Outbox o = open(dir, "after")) {
                List<String> after = o.waiting(null, 0, x -> true, 100).stream()
                        .map(OutboxEntry::label)
                        .toList();
                assertThat(before).containsAll(after);
                assertThat(after.size())
                        .as("round %d flip at %d", round, at)
                        .isGreaterThanOrEqualTo(entries.size() - 1);
                assertThat(o.recovery().clean()).isEqualTo(after.size() == entries.size());
            }
        }
    }

    private Outbox open(Path dir, String boot) {
        return Outbox.open(
                OutboxFixtures.settings(dir, SyncPolicy.EVERY_BATCH, EvictionPolicy.OLDEST_FIRST),
                new BatchOrigin("gw-1", "site-1", boot),
                new VirtualClock(OutboxFixtures.T0));
    }

    private List<OutboxEntry> fill(Path dir, int n) {
        List<OutboxEntry> out = new ArrayList<>();
        try (Outbox o = open(dir, "before")) {
            for (int i = 0; i < n; i++) {
                AppendResult r = o.append(
                        EntryKind.SAMPLES,
                        OutboxFixtures.samples(5 + i, OutboxFixtures.T0.minusSeconds(60)),
                        List.of(),
                        null,
                        ClockSync.SYNCED);
                out.add(((AppendResult.Journaled) r).entry());
            }
        }
        return out;
    }

    private static Path segment(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> withData = files.filter(
                            p -> p.toString().endsWith(".seg") && p.toFile().length() > 0)
                    .toList();
            assertThat(withData).hasSize(1);
            return withData.get(0);
        }
    }
}
