package de.dos2030.iot.collector.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceTrackerTest {
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SequenceTracker tracker = new SequenceTracker(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC), meters);

    @Test
    void reportsJumpAsMissingRangeAndLateArrivalFillsIt() {
        assertThat(tracker.record("gw", "b1", 0)).isEqualTo(SequenceTracker.Seen.FIRST);
        assertThat(tracker.record("gw", "b1", 1)).isEqualTo(SequenceTracker.Seen.NEXT);
        assertThat(tracker.record("gw", "b1", 5)).isEqualTo(SequenceTracker.Seen.GAP);
        assertThat(tracker.of("gw").get(0).missing()).containsExactly(new long[] {2, 4});
        assertThat(meters.get("collector.sequence.missing").gauge().value()).isEqualTo(3);

        assertThat(tracker.record("gw", "b1", 3)).isEqualTo(SequenceTracker.Seen.FILLED_GAP);

        SequenceTracker.BootSequences boot = tracker.of("gw").get(0);
        assertThat(boot.missing()).containsExactly(new long[] {2, 2}, new long[] {4, 4});
        assertThat(boot.missingCount()).isEqualTo(2);
        assertThat(meters.get("collector.sequence.gaps").counter().count()).isEqualTo(3);
    }

    @Test
    void countsResendAsDuplicateNotAsGap() {
        tracker.record("gw", "b1", 7);
        tracker.record("gw", "b1", 8);
        assertThat(tracker.record("gw", "b1", 8)).isEqualTo(SequenceTracker.Seen.DUPLICATE);
        assertThat(tracker.of("gw").get(0).duplicates()).isEqualTo(1);
        assertThat(tracker.of("gw").get(0).missingCount()).isZero();
    }

    @Test
    void tracksBootsApartAndStartsAtTheFirstSequenceSeen() {
        tracker.record("gw", "b1", 40);
        tracker.record("gw", "b2", 0);
        assertThat(tracker.of("gw")).hasSize(2).allSatisfy(b -> assertThat(b.missingCount()).isZero());
        assertThat(tracker.of("other")).isEmpty();
    }
}
