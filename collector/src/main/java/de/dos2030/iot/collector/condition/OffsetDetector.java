package de.dos2030.iot.collector.condition;

import java.time.Duration;
import java.time.Instant;

/**
 * Settlement: a strain or tilt offset (residual against the temperature-compensated baseline) beyond
 * {@code limit} without a break for {@code duration} of data time raises once. It never clears by
 * itself: a support that settled stays settled; only a new baseline (re-learned after the engineer
 * looked at it) clears it. Works on bin medians, so the short load events the edge rules see (a lorry,
 * seconds to a minute) cannot hold an offset for hours. Stateless; the state travels in {@link DetectorState}.
 */
public record OffsetDetector(double limit, Duration duration) {

    public ShiftDetector.Result step(DetectorState s, double offset, Instant t, String alertIdIfRaised) {
        if (s.alarmed()) {
            return new ShiftDetector.Result(s, Step.NONE);
        }
        boolean out = Math.abs(offset) > limit;
        Instant outSince = out ? (s.outSince() == null ? t : s.outSince()) : null;
        if (out && !Duration.between(outSince, t).minus(duration).isNegative()) {
            return new ShiftDetector.Result(new DetectorState(0, 0, outSince, null, alertIdIfRaised), Step.RAISE);
        }
        return new ShiftDetector.Result(new DetectorState(0, 0, outSince, null, null), Step.NONE);
    }
}
