package de.dos2030.iot.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.collector.gateways.BootSequences;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    final SequenceTracker tracker = new SequenceTracker(clock, meters);

    @Test
    void reportsJumpAsMissingRangeAndLateArrivalFillsIt() {
        assertThat(tracker.record("gw", "b1", 0)).isEqualTo(SequenceTracker.Seen.FIRST);
        assertThat(tracker.record("gw", "b1", 1)).isEqualTo(SequenceTracker.Seen.NEXT);
        assertThat(tracker.record("gw", "b1", 5)).isEqualTo(SequenceTracker.Seen.GAP);
        assertThat(tracker.of("gw").get(0).missing()).containsExactly(new long[] {2, 4});
        assertThat(meters.get("collector.sequence.missing").gauge().value()).isEqualTo(3);

        assertThat(tracker.record("gw", "b1", 3)).isEqualTo(SequenceTracker.Seen.FILLED_GAP);

        BootSequences boot = tracker.of("gw").get(0);
        assertThat(boot.missing()).containsExactly(new long[] {2, 2}, new long[] {4, 4});
        assertThat(boot.missingCount()).isEqualTo(2);
        assertThat(boot.stored()).isEqualTo(4);
        assertThat(meters.get("collector.sequence.missing").gauge().value()).isEqualTo(2);
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
        assertThat(tracker.record("gw", "b1", 12)).isEqualTo(SequenceTracker.Seen.BEFORE_TRACKING);
        assertThat(tracker.of("gw"))
                .hasSize(2)
                .allSatisfy(b -> assertThat(b.missingCount()).isZero());
        assertThat(tracker.of("other")).isEmpty();
    }

    @Test
    void aBootKnownOnlyFromTheRegistryKeepsTheTimesItWasSeenThere() {
        Instant first = Instant.parse("2024-12-31T22:00:00Z");
        Instant last = Instant.parse("2024-12-31T23:00:00Z"); // before this instance's clock: read after a restart
        tracker.merge(new SequenceTracker.BootRanges("gw", "b1", List.of(new long[] {0, 4}), first, last));

        BootSequences boot = tracker.of("gw").get(0);
        assertThat(boot.firstSeen()).isEqualTo(first);
        assertThat(boot.lastSeen()).isEqualTo(last);
    }

    @Test
    void instancesTakingTurnsSeeNoGapOnceTheyShared() {
        SequenceTracker other = new SequenceTracker(clock, new SimpleMeterRegistry());
        for (long seq = 0; seq < 10; seq++) {
            (seq % 2 == 0 ? tracker : other).record("gw", "b1", seq);
        }
        assertThat(tracker.of("gw").get(0).missingCount()).isEqualTo(4); // 1, 3, 5, 7: the other instance has them

        exchange(tracker, other);

        for (SequenceTracker t : List.of(tracker, other)) {
            BootSequences boot = t.of("gw").get(0);
            assertThat(boot.missingCount()).isZero();
            assertThat(boot.stored()).isEqualTo(10);
            assertThat(boot.highestSequence()).isEqualTo(9);
        }
        assertThat(tracker.takeChanged()).isEmpty(); // nothing new after the exchange: the rounds settle
    }

    @Test
    void countsAGapOnlyOnceItOutlivedTwoSharingRounds() {
        SequenceTracker other = new SequenceTracker(clock, new SimpleMeterRegistry());
        tracker.record("gw", "b1", 0);
        tracker.record("gw", "b1", 2); // 1 reached the other instance, which has not shared it yet
        tracker.settle();
        tracker.settle();
        assertThat(meters.get("collector.sequence.gaps").counter().count()).isZero();
        other.record("gw", "b1", 1);
        exchange(tracker, other);
        tracker.settle();
        assertThat(meters.get("collector.sequence.gaps").counter().count()).isZero();

        tracker.record("gw", "b1", 6); // 3 to 5 never arrive
        tracker.settle();
        tracker.settle();
        assertThat(meters.get("collector.sequence.gaps").counter().count()).isZero();
        tracker.settle();
        assertThat(meters.get("collector.sequence.gaps").counter().count()).isEqualTo(3);
        tracker.settle();
        assertThat(meters.get("collector.sequence.gaps").counter().count()).isEqualTo(3);
    }

    @Test
    void keepsAtMostMaxRangesForgettingTheOldestHoles() {
        for (long seq = 0; seq < 2L * SequenceTracker.MAX_RANGES + 10; seq += 2) {
            tracker.record("gw", "b1", seq);
        }
        BootSequences boot = tracker.of("gw").get(0);
        assertThat(boot.missing()).hasSize(SequenceTracker.MAX_RANGES - 1);
        assertThat(boot.missing().get(boot.missing().size() - 1))
                .containsExactly(2L * SequenceTracker.MAX_RANGES + 7, 2L * SequenceTracker.MAX_RANGES + 7);
    }

    @Test
    void rangesTravelAsTextAndBadTextIsRefused() {
        List<long[]> ranges = List.of(new long[] {0, 1523}, new long[] {1525, 1525}, new long[] {1527, 1600});
        assertThat(SequenceRanges.format(ranges)).isEqualTo("0-1523,1525,1527-1600");
        assertThat(SequenceRanges.parse("0-1523,1525,1527-1600")).containsExactlyElementsOf(ranges);
        assertThat(SequenceRanges.parse("")).isEmpty();
        for (String bad : new String[] {"x", "5-3", "4,2", "-1", "1-2,2-3", "1,,2"}) {
            assertThatThrownBy(() -> SequenceRanges.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** What SequenceSharing does through the database, here directly. */
    private static void exchange(SequenceTracker a, SequenceTracker b) {
        List<SequenceTracker.BootRanges> fromA = a.takeChanged();
        List<SequenceTracker.BootRanges> fromB = b.takeChanged();
        fromA.forEach(b::merge);
        fromB.forEach(a::merge);
        a.takeChanged().forEach(b::merge);
        b.takeChanged().forEach(a::merge);
    }
}
