package de.dos2030.iot.edge.pipeline.filter;

import de.dos2030.iot.model.Quality;

import java.util.Arrays;

/**
 * Hampel outlier filter: a sample further than {@code threshold * 1.4826 * MAD} from the median of
 * the {@code k} samples on either side is replaced by that median and flagged
 * {@link Quality#SUSPECT}. Centred windows need the future, so output lags input by {@code k}
 * samples. The first {@code k} samples of a stream and the last {@code k} at {@link #flush()} have
 * no centred window and pass unjudged: judged against a one-sided window, a clean sample near a
 * turning point of the signal looks like an outlier. Primitive rings and scratch arrays: nothing
 * is allocated per sample.
 */
public final class HampelFilter implements SampleStage {

    /** Scales the MAD to the standard deviation of normally distributed data. */
    public static final double MAD_SCALE = 1.4826;

    private final int k;
    private final int width;
    private final double threshold;
    private final SampleStage next;
    private final long[] times;
    private final double[] values;
    private final Quality[] qualities;
    private final double[] scratch;
    private int head; // index of the oldest sample
    private int count;
    private int pending; // samples in the ring not yet emitted (the newest ones)

    public HampelFilter(int halfWindow, double threshold, SampleStage next) {
        if (halfWindow < 1) {
            throw new IllegalArgumentException("half window must be at least 1");
        }
        this.k = halfWindow;
        this.width = 2 * halfWindow + 1;
        this.threshold = threshold;
        this.next = next;
        this.times = new long[width];
        this.values = new double[width];
        this.qualities = new Quality[width];
        this.scratch = new double[width];
    }

    @Override
    public void accept(long nanos, double value, Quality quality) {
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
        }
        times[slot] = nanos;
        values[slot] = value;
        qualities[slot] = quality;
        pending++;
        if (count < width) {
            return;
        }
        // Full window: the samples before the centre (only at the start) pass, the centre is judged.
        int firstPending = width - pending;
        for (int pos = firstPending; pos < k; pos++) {
            int idx = (head + pos) % width;
            next.accept(times[idx], values[idx], qualities[idx]);
        }
        emit(k);
        pending = k;
    }

    /** Judges and emits the sample at window position {@code pos} (0 = oldest) against the current window. */
    private void emit(int pos) {
        int count = this.count;
        for (int i = 0; i < width; i++) {
            scratch[i] = values[(head + i) % width];
        }
        Arrays.sort(scratch, 0, count);
        double median = scratch[count / 2];
        for (int i = 0; i < count; i++) {
            scratch[i] = Math.abs(values[(head + i) % width] - median);
        }
        Arrays.sort(scratch, 0, count);
        double mad = scratch[count / 2];
        int idx = (head + pos) % width;
        double x = values[idx];
        if (Math.abs(x - median) > threshold * MAD_SCALE * mad) {
            next.accept(times[idx], median, Quality.SUSPECT);
        } else {
            next.accept(times[idx], x, qualities[idx]);
        }
    }

    /** Emits the samples still held, unjudged: they have no centred window. */
    @Override
    public void flush() {
        int first = count < width ? 0 : width - pending;
        for (int pos = first; pos < count; pos++) {
            int idx = (head + pos) % width;
            next.accept(times[idx], values[idx], qualities[idx]);
        }
        head = 0;
        count = 0;
        pending = 0;
        next.flush();
    }
}
