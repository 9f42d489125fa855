package de.dos2030.iot.edge.pipeline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.RateOfChange;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Severity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OtherChecksTest {

    static final long S = 1_000_000_000L;
    static final long T0 = 1_700_000_000L * S;
    final Recorder sink = new Recorder();

    AlertTracker tracker(CheckKind kind, Quantity q) {
        return new AlertTracker("deck.strain", "r", kind, q, sink);
    }

    @Test
    void rateOfChangeRaisesOnAStepAndClearsWhenCalm() {
        RateOfChangeCheck c = new RateOfChangeCheck(
                tracker(CheckKind.RATE, Quantity.STRAIN),
                new RateOfChange(20, Duration.ofSeconds(10)),
                "um/m",
                Duration.ofSeconds(30));
        for (int s = 0; s < 60; s++) {
            c.accept(T0 + s * S, -478 + (s % 2)); // 1 um/m of noise
        }
        assertThat(sink.events).isEmpty();
        c.accept(T0 + 60 * S, -450); // +28 within 10 s
        assertThat(sink.events).singleElement().satisfies(e -> {
            assertThat(e.severity()).isEqualTo(Severity.WARNING);
            assertThat(e.message()).contains("changed by 28");
        });
        for (int s = 61; s < 110; s++) {
            c.accept(T0 + s * S, -450);
        }
        // calm from 70 s (the last pre-step sample left the 10 s window), cleared 30 s later
        assertThat(sink.clears()).isOne();
        assertThat(sink.last().time()).isEqualTo(java.time.Instant.ofEpochSecond(1_700_000_000L + 70 + 30));
    }

    @Test
    void slowDriftIsNotARateAlarm() {
        RateOfChangeCheck c = new RateOfChangeCheck(
                tracker(CheckKind.RATE, Quantity.STRAIN),
                new RateOfChange(20, Duration.ofSeconds(10)),
                "um/m",
                Duration.ofSeconds(30));
        for (int s = 0; s < 600; s++) {
            c.accept(T0 + s * S, -478 + s * 1.5); // 15 um/m per 10 s: drifts 900 um/m, never 20 within 10 s
        }
        assertThat(sink.events).isEmpty();
    }

    @Test
    void flatlineNeedsTheWholePeriodStuckAndClearsWhenTheValueMoves() {
        FlatlineCheck c = new FlatlineCheck(tracker(CheckKind.FLATLINE, Quantity.CO2), Duration.ofMinutes(10), 1);
        for (int s = 0; s < 600; s += 5) {
            c.accept(T0 + s * S, 612);
        }
        assertThat(sink.events).isEmpty(); // 595 s covered: not yet the whole period
        c.accept(T0 + 600 * S, 612);
        assertThat(sink.events).singleElement().extracting(e -> e.state()).isEqualTo(AlertState.RAISED);
        c.accept(T0 + 605 * S, 640);
        assertThat(sink.clears()).isOne();
    }

    @Test
    void noisySensorIsNeverFlat() {
        FlatlineCheck c = new FlatlineCheck(tracker(CheckKind.FLATLINE, Quantity.CO2), Duration.ofMinutes(10), 1);
        java.util.Random r = new java.util.Random(7);
        for (int s = 0; s < 7200; s += 5) {
            c.accept(T0 + s * S, 600 + r.nextInt(5));
        }
        assertThat(sink.events).isEmpty();
    }

    @Test
    void noDataRaisesOnTheClockAndClearsWithTheNextSample() {
        NoDataCheck c = new NoDataCheck(tracker(CheckKind.NO_DATA, Quantity.CO2), Duration.ofMinutes(1), T0);
        c.seen(T0 + 5 * S, 600);
        c.tick(T0 + 60 * S);
        assertThat(sink.events).isEmpty();
        c.tick(T0 + 66 * S);
        assertThat(sink.events).singleElement().satisfies(e -> {
            assertThat(e.value()).isNull();
            assertThat(e.message()).startsWith("no co2 data for 1m");
        });
        c.tick(T0 + 120 * S);
        assertThat(sink.events).hasSize(1);
        c.seen(T0 + 130 * S, 610);
        assertThat(sink.clears()).isOne();
    }

    @Test
    void sensorFaultIsRaisedOnceResentOnlyWhenTheCauseChangesAndClearedOnRecovery() {
        SensorFaultCheck c = new SensorFaultCheck(
                new AlertTracker("room.co2", SensorFaultCheck.RULE_ID, CheckKind.SENSOR_FAULT, null, sink));
        c.fault(T0, "CRC_MISMATCH", "CRC mismatch");
        c.fault(T0 + S, "CRC_MISMATCH", "CRC mismatch");
        c.fault(T0 + 2 * S, "NO_ANSWER", "did not answer");
        c.recovered(T0 + 3 * S);
        assertThat(sink.events)
                .extracting(e -> e.state() + " " + e.message())
                .containsExactly(
                        "RAISED CRC mismatch", "RAISED did not answer", "CLEARED sensor delivers good samples again");
        assertThat(sink.events)
                .extracting(e -> e.alertId())
                .containsOnly(sink.events.get(0).alertId());
    }

    @Test
    void slidingExtremesMatchABruteForceWindow() {
        SlidingExtremes w = new SlidingExtremes(50);
        java.util.Random r = new java.util.Random(3);
        long[] t = new long[2000];
        double[] v = new double[2000];
        long now = 0;
        for (int i = 0; i < t.length; i++) {
            now += 1 + r.nextInt(10);
            t[i] = now;
            v[i] = r.nextGaussian();
            w.add(now, v[i]);
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0; j <= i; j++) {
                if (t[j] >= now - 50) {
                    max = Math.max(max, v[j]);
                    min = Math.min(min, v[j]);
                }
            }
            assertThat(w.max()).isEqualTo(max);
            assertThat(w.min()).isEqualTo(min);
        }
    }
}
