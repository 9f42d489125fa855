package de.dos2030.iot.collector.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** CUSUM with hysteresis and a minimum duration; the settlement detector that only re-baselining clears. */
class ShiftDetectorTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private final ShiftDetector detector = new ShiftDetector(1, 10, Duration.ofHours(1));

    private Step feed(DetectorState[] s, double z, int bins, int fromMinute) {
        Step last = Step.NONE;
        for (int i = 0; i < bins; i++) {
            ShiftDetector.Result r =
                    detector.step(s[0], z, 0, T0.plus(Duration.ofMinutes(fromMinute + 10L * i)), "a-1");
            s[0] = r.state();
            if (r.step() != Step.NONE) {
                last = r.step();
            }
        }
        return last;
    }

    @Test
    void raisesOnlyAfterTheShiftOutlastedTheMinimumDuration() {
        DetectorState[] s = {DetectorState.CALM};
        // +3 sigma per bin beyond the slack: past the limit from the fourth bin (minute 30) on.
        assertThat(feed(s, 4, 9, 0)).as("beyond the limit for 50 minutes").isEqualTo(Step.NONE);
        assertThat(feed(s, 4, 1, 90)).isEqualTo(Step.RAISE);
        assertThat(s[0].alertId()).isEqualTo("a-1");
    }

    @Test
    void neverAccumulatesResidualsBelowTheSlack() {
        DetectorState[] s = {DetectorState.CALM};
        assertThat(feed(s, 0.99, 10_000, 0)).isEqualTo(Step.NONE);
        assertThat(s[0].high()).isZero();
    }

    @Test
    void clearsOnlyAfterBeingBackWithinHalfTheLimitForTheMinimumDuration() {
        DetectorState[] s = {DetectorState.CALM};
        assertThat(feed(s, -5, 20, 0)).isEqualTo(Step.RAISE);
        // The sum is capped at 20; each calm bin takes the slack (1) off: below 5 after 16 bins, then an hour.
        assertThat(feed(s, 0, 21, 200))
                .as("not yet an hour within half the limit")
                .isEqualTo(Step.NONE);
        assertThat(feed(s, 0, 2, 410)).isEqualTo(Step.CLEAR);
        assertThat(s[0].alarmed()).isFalse();
    }

    @Test
    void aSettlementRaisesOnceAndNeverClearsByItself() {
        OffsetDetector settlement = new OffsetDetector(30, Duration.ofHours(2));
        DetectorState s = DetectorState.CALM;
        int raises = 0;
        for (int i = 0; i < 100; i++) {
            double offset = i < 50 ? 45 : 0; // the offset goes away again: still settled until re-baselined
            ShiftDetector.Result r = settlement.step(s, offset, T0.plus(Duration.ofMinutes(10L * i)), "s-1");
            s = r.state();
            assertThat(r.step()).isNotEqualTo(Step.CLEAR);
            raises += r.step() == Step.RAISE ? 1 : 0;
        }
        assertThat(raises).isEqualTo(1);
        assertThat(s.alarmed()).isTrue();
    }

    @Test
    void aShortLoadEventBeyondTheLimitRaisesNoSettlement() {
        OffsetDetector settlement = new OffsetDetector(30, Duration.ofHours(2));
        DetectorState s = DetectorState.CALM;
        for (int i = 0; i < 100; i++) {
            double offset = i % 6 == 0 ? 80 : 2; // one bin in six: a convoy of lorries
            ShiftDetector.Result r = settlement.step(s, offset, T0.plus(Duration.ofMinutes(10L * i)), "s-1");
            s = r.state();
            assertThat(r.step()).isEqualTo(Step.NONE);
        }
    }
}
