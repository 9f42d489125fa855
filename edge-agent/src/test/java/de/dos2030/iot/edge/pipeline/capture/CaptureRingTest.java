package de.dos2030.iot.edge.pipeline.capture;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.CaptureConfig;
import de.dos2030.iot.edge.pipeline.time.EpochNanos;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.RawCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureRingTest {
    static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    static final long PERIOD = 10_000_000L; // 100 Hz
    final List<RawCapture> out = new ArrayList<>();
    final CaptureRing ring = new CaptureRing(
            "deck",
            Quantity.ACCELERATION,
            100,
            new CaptureConfig(Duration.ofSeconds(30), Duration.ofSeconds(10)),
            out::add);
    long added;

    static long at(long i) {
        return EpochNanos.of(T0) + i * PERIOD;
    }

    /** Adds samples up to and including index {@code last}; sample i has the value i. */
    void feedTo(long last) {
        for (; added <= last; added++) {
            ring.add(at(added), added);
        }
    }

    @Test
    void holdsExactlyTheConfiguredSecondsBeforeTheTriggerSampleAndAfterIt() {
        feedTo(5_000);
        assertThat(ring.trigger("deck.rms.above-1", at(5_000))).isTrue();
        feedTo(5_999);
        assertThat(out).as("not before 10 s of samples after the trigger").isEmpty();
        feedTo(6_000);

        assertThat(out).hasSize(1);
        RawCapture c = out.get(0);
        assertThat(c.alertId()).isEqualTo("deck.rms.above-1");
        assertThat(c.sensorId()).isEqualTo("deck");
        assertThat(c.size()).isEqualTo(3_000 + 1 + 1_000);
        assertThat(c.value(0)).isEqualTo(2_000f);
        assertThat(c.value(3_000)).as("the trigger sample").isEqualTo(5_000f);
        assertThat(c.value(c.size() - 1)).isEqualTo(6_000f);
        assertThat(c.before()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.firstSampleTime()).isEqualTo(EpochNanos.toInstant(at(2_000)));
        assertThat(c.triggerTime()).isEqualTo(EpochNanos.toInstant(at(5_000)));
        assertThat(c.sampleTime(3_000)).isEqualTo(c.triggerTime());
        assertThat(ring.open()).isZero();
    }

    @Test
    void aTriggerSoonAfterStartHoldsWhatThereIs() {
        feedTo(99);
        ring.trigger("a", at(99));
        feedTo(1_099);
        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.size()).isEqualTo(1_100);
            assertThat(c.firstSampleTime()).isEqualTo(T0);
        });
    }

    @Test
    void aBurstOfAlarmsOpensAtMostFourCapturesAndCountsTheRest() {
        feedTo(4_000);
        long ringBytes = ring.ringBytes();
        for (int i = 0; i < 1_000; i++) {
            ring.trigger("burst-" + i, at(4_000));
        }
        assertThat(ring.open()).isEqualTo(CaptureRing.MAX_OPEN);
        assertThat(ring.skipped()).isEqualTo(1_000 - CaptureRing.MAX_OPEN);
        assertThat(ring.ringBytes()).as("nothing grows").isEqualTo(ringBytes).isEqualTo(4_001L * 4);
        feedTo(5_000);
        assertThat(out)
                .extracting(RawCapture::alertId)
                .containsExactlyInAnyOrder("burst-0", "burst-1", "burst-2", "burst-3");
        assertThat(ring.trigger("after-the-burst", at(5_000)))
                .as("slots free again")
                .isTrue();
    }

    @Test
    void aSecondRaiseOfAnOpenAlertIsNotASecondCapture() {
        feedTo(4_000);
        assertThat(ring.trigger("a", at(4_000))).isTrue();
        feedTo(4_100);
        assertThat(ring.trigger("a", at(4_100))).isFalse();
        feedTo(6_000);
        assertThat(out).hasSize(1);
        assertThat(ring.skipped()).isZero();
    }

    @Test
    void aSilentSensorsCaptureGoesOutShortAfterTheGracePeriod() {
        feedTo(4_000);
        ring.trigger("a", at(4_000));
        feedTo(4_500);
        ring.tick(at(4_500) + Duration.ofSeconds(10).toNanos());
        assertThat(out).isEmpty();
        ring.tick(at(4_000) + Duration.ofSeconds(10).toNanos() + CaptureRing.GRACE_NANOS + 1);
        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.size()).isEqualTo(3_000 + 1 + 500);
            assertThat(c.value(c.size() - 1)).isEqualTo(4_500f);
        });
    }

    @Test
    void aReplayedSensorsCaptureWaitsForTheClockNotForItsOldSampleTimes() {
        feedTo(4_000);
        long clock = at(4_000) + Duration.ofDays(400).toNanos(); // samples from a recording more than a year old
        ring.trigger("a", at(4_000), clock);
        ring.tick(clock + Duration.ofSeconds(1).toNanos());
        assertThat(out).as("not overdue by the clock").isEmpty();
        feedTo(5_000);
        assertThat(out).singleElement().satisfies(c -> assertThat(c.size()).isEqualTo(4_001));
    }

    @Test
    void keepsUnusableSamplesAsNaNInPlace() {
        feedTo(10);
        ring.add(at(11), Float.NaN);
        added = 12;
        ring.trigger("a", at(11));
        feedTo(1_011);
        assertThat(Float.isNaN(out.get(0).value(11))).isTrue();
        assertThat(out.get(0).value(12)).isEqualTo(12f);
    }
}
