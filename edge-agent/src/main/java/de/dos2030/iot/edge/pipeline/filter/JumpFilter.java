package de.dos2030.iot.edge.pipeline.filter;

import de.dos2030.iot.model.Quality;

/**
 * Plausibility of change: a sample further from the last plausible sample than {@code maxJump}
 * (per second of time between them, or per sample) is passed on flagged
 * {@link Quality#OUT_OF_RANGE}, like a value outside the range check, so it never reaches
 * smoothing, features or rules. A single glitch is dropped that way; a real step (the next sample
 * agrees with the flagged one within the limit) is accepted as the new level from that next
 * sample on, so a sensor moved to another spot is not rejected forever. Nothing is allocated.
 */
public final class JumpFilter implements SampleStage {

    private final double maxJump;
    private final boolean perSecond;
    private final SampleStage next;
    private boolean primed;
    private long lastNanos;
    private double last;
    private boolean stepPending;
    private long stepNanos;
    private double step;

    /**
     * @param maxJump   largest plausible change, in the quantity's unit
     * @param perSecond true: per second between the two samples; false: per sample
     */
    public JumpFilter(double maxJump, boolean perSecond, SampleStage next) {
        if (!(maxJump > 0)) {
            throw new IllegalArgumentException("max jump must be positive, got " + maxJump);
        }
        this.maxJump = maxJump;
        this.perSecond = perSecond;
        this.next = next;
    }

    @Override
    public void accept(long nanos, double value, Quality quality) {
        if (!SampleStage.usable(quality)) {
            next.accept(nanos, value, quality);
            return;
        }
        boolean plausible = !primed && !Double.isNaN(value)
                || primed && within(last, lastNanos, value, nanos)
                || stepPending && within(step, stepNanos, value, nanos);
        if (plausible) {
            primed = true;
            last = value;
            lastNanos = nanos;
            stepPending = false;
            next.accept(nanos, value, quality);
        } else {
            stepPending = true;
            step = value;
            stepNanos = nanos;
            next.accept(nanos, value, Quality.OUT_OF_RANGE);
        }
    }

    private boolean within(double reference, long referenceNanos, double value, long nanos) {
        double limit = perSecond ? maxJump * Math.max(0, nanos - referenceNanos) / 1e9 : maxJump;
        return Math.abs(value - reference) <= limit; // false for NaN
    }

    @Override
    public void flush() {
        next.flush();
    }
}
