package de.dos2030.iot.edge.pipeline.filter;

import de.dos2030.iot.model.Quality;

/**
 * A filter that judges each sample against the {@code k} samples on either side of it (Hampel,
 * median). Centred windows need the future, so output lags input by {@code k} samples. The first
 * {@code k} samples of a stream and the last {@code k} at {@link #flush()} have no centred window
 * and pass unchanged: judged against a one-sided window, a clean sample near a turning point of the
 * signal looks like an outlier. Unusable samples (faults, out of range) bypass the window. Primitive
 * rings: nothing is allocated per sample.
 */
abstract class CentredWindowFilter implements SampleStage {
    final int k;
    final int width;
    final SampleStage next;
    private final long[] times;
    private final double[] values;
    private final Quality[] qualities;
    private int head; // index of the oldest sample
    private int count;
    private int pending; // samples in the ring not yet emitted (the newest ones)

    CentredWindowFilter(int halfWindow, SampleStage next) {
        this.k = halfWindow;
        this.width = 2 * halfWindow + 1;
        this.next = next;
        this.times = new long[width];
        this.values = new double[width];
        this.qualities = new Quality[width];
    }

    /** A value enters the window; {@code size} counts it. */
    void entering(double value, int size) {}

    /** A value leaves the full window, before the newest one enters. */
    void leaving(double value) {}

    /** Emits the centre sample, judged against the full window. */
    abstract void judgeCentre(long nanos, double value, Quality quality);

    /** The value at window position {@code pos}, 0 = oldest. */
    final double valueAt(int pos) {
        return values[(head + pos) % width];
    }

    @Override
    public final void accept(long nanos, double value, Quality quality) {
        if (!SampleStage.usable(quality)) {
            next.accept(nanos, value, quality);
            return;
        }
        int slot;
        if (count < width) {
            slot = (head + count) % width;
            count++;
        } else {
            slot = head;
            head = (head + 1) % width;
            leaving(values[slot]);
        }
        entering(value, count);
        times[slot] = nanos;
        values[slot] = value;
        qualities[slot] = quality;
        pending++;
        if (count < width) {
            return;
        }
        // Full window: the samples before the centre (only at the start) pass, the centre is judged.
        for (int pos = width - pending; pos < k; pos++) {
            pass(pos);
        }
        int centre = (head + k) % width;
        judgeCentre(times[centre], values[centre], qualities[centre]);
        pending = k;
    }

    /** Emits the samples still held, unchanged: they have no centred window. */
    @Override
    public final void flush() {
        int first = count < width ? 0 : width - pending;
        for (int pos = first; pos < count; pos++) {
            pass(pos);
        }
        head = 0;
        count = 0;
        pending = 0;
        next.flush();
    }

    private void pass(int pos) {
        int idx = (head + pos) % width;
        next.accept(times[idx], values[idx], qualities[idx]);
    }
}
