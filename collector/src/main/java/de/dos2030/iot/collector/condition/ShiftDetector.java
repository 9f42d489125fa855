package de.dos2030.iot.collector.condition;

import java.time.Duration;
import java.time.Instant;

/**
 * Two-sided CUSUM on a mode's residual in units of its baseline sigma, with hysteresis and a
 * minimum duration: raises once either sum stayed above {@code limit} for {@code minDuration} of data
 * time; clears once both stayed below half the limit for as long. Each sum is capped at twice the
 * limit so that a shift that has ended is forgotten within a bounded number of bins.
 *
 * <p>Why CUSUM with a slack of at least one sigma, and at least half the smallest shift of interest: a
 * single noisy bin never moves it far, a persistent shift of a few sigma adds up within hours, and the slow
 * unmodelled wander every real bridge shows (humidity, traffic mass, bearings) stays below the slack even
 * when its residuals are correlated over hours, which a pure sigma rule would not survive. Stateless; the state travels in {@link DetectorState}.
 */
public record ShiftDetector(double slack, double limit, Duration minDuration) {

    /**
     * The state after one bin with residual {@code z} (sigma units) at data time {@code t}, and what it did.
     *
     * @param slackFloor the least slack for this bin (sigma units): the smallest shift of interest, halved
     */
    public Result step(DetectorState s, double z, double slackFloor, Instant t, String alertIdIfRaised) {
        double k = Math.max(slack, slackFloor);
        double cap = 2 * limit;
        double high = Math.min(cap, Math.max(0, s.high() + z - k));
        double low = Math.min(cap, Math.max(0, s.low() - z - k));
        if (!s.alarmed()) {
            boolean out = high > limit || low > limit;
            Instant outSince = out ? (s.outSince() == null ? t : s.outSince()) : null;
            if (out && !Duration.between(outSince, t).minus(minDuration).isNegative()) {
                return new Result(new DetectorState(high, low, outSince, null, alertIdIfRaised), Step.RAISE);
            }
            return new Result(new DetectorState(high, low, outSince, null, null), Step.NONE);
        }
        boolean back = high < limit / 2 && low < limit / 2;
        Instant inSince = back ? (s.inSince() == null ? t : s.inSince()) : null;
        if (back && !Duration.between(inSince, t).minus(minDuration).isNegative()) {
            return new Result(new DetectorState(high, low, null, null, null), Step.CLEAR);
        }
        return new Result(new DetectorState(high, low, s.outSince(), inSince, s.alertId()), Step.NONE);
    }

    /** A detector's next state and what the step did. */
    public record Result(DetectorState state, Step step) {}
}
