package de.dos2030.iot.edge.pipeline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.Thresholds;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Severity;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LimitCheckTest {

    static final long S = 1_000_000_000L;
    static final long T0 = 1_700_000_000L * S;

    final Recorder sink = new Recorder();

    /** CO2 1000/2000 ppm, deadband 100, raise after 2 min, clear after 5 min: the school defaults. */
    LimitCheck co2() {
        Thresholds t = new Thresholds(
                Optional.of(1000.0),
                Optional.of(2000.0),
                Optional.empty(),
                Optional.empty(),
                100,
                Duration.ofMinutes(2),
                Duration.ofMinutes(5));
        return LimitCheck.above(new AlertTracker("room.co2", "co2-high", CheckKind.ABOVE, Quantity.CO2, sink), "ppm", t)
                .orElseThrow();
    }

    /** Feeds {@code value} every 10 s from {@code fromSec} (inclusive) to {@code toSec} (exclusive). */
    static void feed(LimitCheck c, long fromSec, long toSec, double value) {
        for (long s = fromSec; s < toSec; s += 10) {
            c.accept(T0 + s * S, value);
        }
    }

    @Test
    void spikeShorterThanRaiseAfterRaisesNothing() {
        LimitCheck c = co2();
        feed(c, 0, 60, 800);
        feed(c, 60, 170, 1500); // 110 s beyond: less than 2 min
        feed(c, 170, 600, 800);
        assertThat(sink.events).isEmpty();
        assertThat(c.phase()).isEqualTo(LimitCheck.Phase.NORMAL);
    }

    @Test
    void raisesWhenBeyondForRaiseAfterAndNotBefore() {
        LimitCheck c = co2();
        feed(c, 0, 110, 1200);
        assertThat(c.phase()).isEqualTo(LimitCheck.Phase.PENDING);
        assertThat(sink.events).isEmpty();
        c.accept(T0 + 120 * S, 1200);
        assertThat(sink.events).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(AlertState.RAISED);
            assertThat(e.severity()).isEqualTo(Severity.WARNING);
            assertThat(e.limit()).isEqualTo(1000.0);
            assertThat(e.time()).isEqualTo(java.time.Instant.ofEpochSecond(1_700_000_120L));
        });
    }

    @Test
    void clearsOnlyBelowDeadbandAndAfterClearAfter() {
        LimitCheck c = co2();
        feed(c, 0, 130, 1200);
        assertThat(sink.raises()).isOne();
        feed(c, 130, 1000, 950); // inside the limit but not by the deadband: stays active
        assertThat(sink.clears()).isZero();
        assertThat(c.phase()).isEqualTo(LimitCheck.Phase.ACTIVE);
        feed(c, 1000, 1290, 880); // by the deadband, but 290 s < 5 min
        assertThat(sink.clears()).isZero();
        assertThat(c.phase()).isEqualTo(LimitCheck.Phase.CLEARING);
        c.accept(T0 + 1300 * S, 880);
        assertThat(sink.clears()).isOne();
        assertThat(sink.last().alertId()).isEqualTo(sink.events.get(0).alertId());
    }

    @Test
    void returnToTheDeadbandRestartsTheClearDelay() {
        LimitCheck c = co2();
        feed(c, 0, 130, 1200);
        feed(c, 130, 400, 850); // 270 s clearing
        feed(c, 400, 410, 950); // back into the deadband: clearing interrupted
        feed(c, 410, 700, 850); // 290 s: not yet
        assertThat(sink.clears()).isZero();
        feed(c, 700, 720, 850);
        assertThat(sink.clears()).isOne();
    }

    @Test
    void escalatesAndDeescalatesUnderOneAlertId() {
        LimitCheck c = co2();
        feed(c, 0, 130, 1500); // warning
        feed(c, 130, 260, 2300); // critical after 2 min beyond 2000
        feed(c, 260, 600, 1500); // back to the warning band: de-escalate after 5 min
        feed(c, 600, 1000, 700); // all clear after 5 min
        assertThat(sink.events)
                .extracting(e -> e.state() + " " + e.severity())
                .containsExactly("RAISED WARNING", "RAISED CRITICAL", "RAISED WARNING", "CLEARED WARNING");
        assertThat(sink.events)
                .extracting(e -> e.alertId())
                .containsOnly(sink.events.get(0).alertId());
        assertThat(sink.events.get(1).limit()).isEqualTo(2000.0);
    }

    @Test
    void dropFromCriticalToNormalIsASingleClear() {
        LimitCheck c = co2();
        feed(c, 0, 130, 2500);
        assertThat(sink.events).singleElement().extracting(e -> e.severity()).isEqualTo(Severity.CRITICAL);
        feed(c, 130, 600, 600);
        assertThat(sink.events)
                .extracting(e -> e.state() + " " + e.severity())
                .containsExactly("RAISED CRITICAL", "CLEARED CRITICAL");
    }

    @Test
    void aNewAlarmAfterAClearGetsANewId() {
        LimitCheck c = co2();
        feed(c, 0, 130, 1200);
        feed(c, 130, 500, 800);
        feed(c, 500, 700, 1200);
        assertThat(sink.raises()).isEqualTo(2);
        assertThat(sink.events.get(0).alertId()).isNotEqualTo(sink.events.get(2).alertId());
    }

    @Test
    void watchesLimitsBelowWithTheDeadbandAbove() {
        Thresholds t = new Thresholds(
                Optional.empty(),
                Optional.empty(),
                Optional.of(30.0),
                Optional.of(20.0),
                2,
                Duration.ZERO,
                Duration.ofMinutes(1));
        LimitCheck c = LimitCheck.below(
                        new AlertTracker("room.rh", "rh-low", CheckKind.BELOW, Quantity.RELATIVE_HUMIDITY, sink),
                        "%",
                        t)
                .orElseThrow();
        c.accept(T0, 29);
        assertThat(sink.events).singleElement().extracting(e -> e.severity()).isEqualTo(Severity.WARNING);
        feed(c, 10, 200, 31); // above the limit, not by the deadband
        assertThat(sink.clears()).isZero();
        feed(c, 200, 270, 32.5);
        assertThat(sink.clears()).isOne();
    }
}
