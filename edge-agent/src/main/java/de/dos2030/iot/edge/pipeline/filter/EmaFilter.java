package de.dos2030.iot.edge.pipeline.filter;

import de.dos2030.iot.model.Quality;

/**
 * Exponential moving average with time constant {@code tau}: {@code alpha = 1 - exp(-dt / tau)}
 * from the actual time between samples, so irregular sampling and gaps weigh correctly (after a
 * gap much longer than tau the output jumps to the new value). The first sample passes unchanged.
 */
public final class EmaFilter implements SampleStage {

    private final double tauNanos;
    private final SampleStage next;
    private boolean primed;
    private long lastNanos;
    private double state;

    public EmaFilter(long tauNanos, SampleStage next) {
        if (tauNanos <= 0) {
            throw new IllegalArgumentException("tau must be positive");
        }
        this.tauNanos = tauNanos;
        this.next = next;
    }

    @Override
    public void accept(long nanos, double value, Quality quality) {
        if (!SampleStage.usable(quality)) {
            next.accept(nanos, value, quality);
            return;
        }
        if (!primed) {
            primed = true;
            state = value;
        } else {
            long dt = nanos - lastNanos;
            if (dt > 0) {
                double alpha = 1.0 - Math.exp(-dt / tauNanos);
                state += alpha * (value - state);
            }
        }
        lastNanos = Math.max(lastNanos, nanos);
        next.accept(nanos, state, quality);
    }

    @Override
    public void flush() {
        next.flush();
    }
}
