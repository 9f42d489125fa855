package de.dos2030.iot.edge.pipeline.filter;

import de.dos2030.iot.model.Quality;

/**
 * Running median of an odd window of {@code 2k + 1} samples, centred: each sample is replaced by
 * the median of itself and the {@code k} samples on either side, so spikes shorter than {@code k + 1}
 * samples vanish and steps stay sharp. Output lags input by {@code k} samples; as in
 * {@link HampelFilter}, the first {@code k} samples of a stream and the last {@code k} at
 * {@link #flush()} have no centred window and pass unchanged. The window is kept sorted by
 * insertion (O(window) per sample, no sorting, nothing allocated).
 */
public final class MedianFilter implements SampleStage {

    private final int k;
    private final int width;
    private final SampleStage next;
    private final long[] times;
    private final double[] values;
    private final Quality[] qualities;
    private final double[] sorted;
    private int head; // index of the oldest sample
    private int count;
    private int pending; // samples in the ring not yet emitted (the newest ones)

    /** @param window samples in the window: odd, at least 3 */
    public MedianFilter(int window, SampleStage next) {
        if (window < 3 || window % 2 == 0) {
            throw new IllegalArgumentException("median window must be odd and at least 3, got " + window);
        }
        this.k = window / 2;
        this.width = window;
        this.next = next;
        this.times = new long[width];
        this.values = new double[width];
        this.qualities = new Quality[width];
        this.sorted = new double[width];
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
            remove(values[slot], width);
        }
        insert(value, count - 1);
        times[slot] = nanos;
        values[slot] = value;
        qualities[slot] = quality;
        pending++;
        if (count < width) {
            return;
        }
        for (int pos = width - pending; pos < k; pos++) {
            int idx = (head + pos) % width;
            next.accept(times[idx], values[idx], qualities[idx]);
        }
        int centre = (head + k) % width;
        next.accept(times[centre], sorted[k], qualities[centre]);
        pending = k;
    }

    /** Inserts into {@code sorted[0 .. n]} where {@code sorted[0 .. n)} is sorted. */
    private void insert(double v, int n) {
        int i = n;
        while (i > 0 && Double.compare(sorted[i - 1], v) > 0) {
            sorted[i] = sorted[i - 1];
            i--;
        }
        sorted[i] = v;
    }

    /** Removes one occurrence of {@code v} from {@code sorted[0 .. n)}. */
    private void remove(double v, int n) {
        int i = 0;
        while (i < n - 1 && Double.compare(sorted[i], v) != 0) {
            i++;
        }
        System.arraycopy(sorted, i + 1, sorted, i, n - 1 - i);
    }

    /** Emits the samples still held, unchanged: they have no centred window. */
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
